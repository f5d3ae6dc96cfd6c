namespace ModelMesh.Orleans.Routing;

/// <summary>
/// Options of copy routing and of the per-model copy count (config section <c>ModelMesh:Orleans:Routing</c>); validated
/// by <see cref="CopyRoutingOptionsValidator"/>. Scale-up thresholds and cooldown are <c>ModelMesh.Placement.PlacementOptions</c>.
/// </summary>
public sealed class CopyRoutingOptions
{
    public const string SectionName = "ModelMesh:Orleans:Routing";

    /// <summary>Attempts per request over the model's copies (default 8, ModelMesh's retry bound).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>
    /// How long a router avoids a copy after it failed with a retryable error (default 10 s: longer than Orleans takes to
    /// declare a killed silo dead with tuned probes; until then new calls to its copies fail fast and would fail again).
    /// </summary>
    public TimeSpan SuspectPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First pause before another attempt after a copy refused for room or no silo was eligible (doubles up to 1 s; default 50 ms).</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>A model whose load failed on this many copies in one request answers FAILED_PRECONDITION (ModelMesh: 3).</summary>
    public int FailedLoadsBeforeGivingUp { get; set; } = 3;

    /// <summary>How often a router reports its load per model and reads the copy sets back (default 1 s).</summary>
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A copy above the first that got no request for this long is retired: deactivated, and the count drops
    /// (default 5 min). Routers forget a model unused for this long (its next request reads the copy set again).
    /// </summary>
    public TimeSpan SpareIdleAge { get; set; } = TimeSpan.FromMinutes(5);
}
