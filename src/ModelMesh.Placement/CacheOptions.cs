namespace ModelMesh.Placement;

/// <summary>
/// Options of a silo's model cache (config section <c>ModelMesh:Silo:Cache</c>).
/// </summary>
public sealed class CacheOptions
{
    public const string SectionName = "ModelMesh:Silo:Cache";

    /// <summary>
    /// A copy used (or loaded) less than this long ago is never evicted, so a scan over more models than fit
    /// refuses loads instead of thrashing. Default 30 s. ModelMesh uses 10 x max(3 s, loadTimeout / 3), which is
    /// 5 minutes with a 90 s load timeout: sized for pods whose loads take tens of seconds. Local ONNX loads take
    /// well under a second to a few seconds, and on a laptop cluster a 5-minute guard would turn any working
    /// set larger than memory into minutes of refused loads. 30 s still covers the request that caused a load
    /// and its burst, and bounds churn to one device's worth of loads per 30 s.
    /// See <see cref="ModelMeshChurnGuard"/> for ModelMesh's value.
    /// </summary>
    public TimeSpan ChurnGuard { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A load that has not finished after this long fails (and its load claim expires). Default 90 s, as ModelMesh.</summary>
    public TimeSpan LoadTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How long a failed load is remembered: requests get the error and placement avoids the silo. Default 15 min, as ModelMesh.</summary>
    public TimeSpan FailureExpiry { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How a newcomer chooses its victims. Default <see cref="AdmissionPolicy.TinyLfu"/>: in the <c>hit-ratio</c>
    /// simulation (docs/benchmarks.md) it raises the hit ratio over LRU under Zipf traffic at every point measured.
    /// </summary>
    public AdmissionPolicy Admission { get; set; } = AdmissionPolicy.TinyLfu;

    /// <summary>Default of <see cref="FrequencyWindow"/>.</summary>
    public const int DefaultFrequencyWindow = 20;

    /// <summary>
    /// TinyLFU ageing: the frequency sketch is halved after this many requests per held copy. Default 20
    /// (<see cref="DefaultFrequencyWindow"/>; cachesim.py uses 10): at 10 the models at the edge of the hot set get about
    /// one request per window, so their counts are noise; at 40 and more the 4-bit counters of the hot models saturate
    /// (every copy then looks equally hot per byte) and a change of popularity takes longer to be seen
    /// (docs/benchmarks.md, issue 8).
    /// </summary>
    public int FrequencyWindow { get; set; } = DefaultFrequencyWindow;

    /// <summary>ModelMesh's churn guard for a load timeout: 10 x max(3 s, loadTimeout / 3).</summary>
    public static TimeSpan ModelMeshChurnGuard(TimeSpan loadTimeout)
    {
        var third = loadTimeout / 3;
        var floor = TimeSpan.FromSeconds(3);
        return (third > floor ? third : floor) * 10;
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (ChurnGuard < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{SectionName}:ChurnGuard must not be negative (got {ChurnGuard}).");
        }

        if (LoadTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{SectionName}:LoadTimeout must be positive (got {LoadTimeout}).");
        }

        if (!Enum.IsDefined(Admission))
        {
            throw new InvalidOperationException($"{SectionName}:Admission must be Lru or TinyLfu (got {Admission}).");
        }

        if (FrequencyWindow < 1)
        {
            throw new InvalidOperationException($"{SectionName}:FrequencyWindow must be at least 1 (got {FrequencyWindow}).");
        }

        if (FailureExpiry < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{SectionName}:FailureExpiry must not be negative (got {FailureExpiry}).");
        }
    }
}
