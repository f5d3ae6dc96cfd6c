namespace ModelMesh.Placement;

/// <summary>
/// Options of the front door's placement and copy scale-up (config section <c>ModelMesh:Placement</c>).
/// </summary>
public sealed class PlacementOptions
{
    public const string SectionName = "ModelMesh:Placement";

    /// <summary>
    /// Add a copy when a model's in-flight requests per loaded copy reach this many. Default 8: about the
    /// number of concurrent ORT runs one silo core pool absorbs before requests queue.
    /// </summary>
    public int InFlightPerCopyThreshold { get; set; } = 8;

    /// <summary>Add a copy when a model's request rate per loaded copy reaches this many a minute. Default 2000, as ModelMesh.</summary>
    public double RequestsPerMinutePerCopyThreshold { get; set; } = 2000;

    /// <summary>Minimum time between two scale-ups of the same model. Default 10 s: about one cold load.</summary>
    public TimeSpan ScaleUpCooldown { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Upper bound on copies of one model (0 = only the silo count bounds it). Default 0.</summary>
    public int MaxCopiesPerModel { get; set; }

    /// <summary>
    /// Rank silos whose loading slots are all taken after silos with a free slot (default true). Off, placement
    /// is pure best fit and a burst of cold models queues on one silo's loader while the others idle.
    /// </summary>
    public bool SpreadConcurrentLoads { get; set; } = true;

    /// <summary>Loading slots assumed for a silo whose record does not publish its limit. Default 2, the silo's default.</summary>
    public int DefaultLoadSlots { get; set; } = 2;

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (InFlightPerCopyThreshold < 1)
        {
            throw new InvalidOperationException($"{SectionName}:InFlightPerCopyThreshold must be at least 1 (got {InFlightPerCopyThreshold}).");
        }

        if (!(RequestsPerMinutePerCopyThreshold > 0))
        {
            throw new InvalidOperationException($"{SectionName}:RequestsPerMinutePerCopyThreshold must be positive (got {RequestsPerMinutePerCopyThreshold}).");
        }

        if (ScaleUpCooldown < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{SectionName}:ScaleUpCooldown must not be negative (got {ScaleUpCooldown}).");
        }

        if (DefaultLoadSlots < 1)
        {
            throw new InvalidOperationException($"{SectionName}:DefaultLoadSlots must be at least 1 (got {DefaultLoadSlots}).");
        }

        if (MaxCopiesPerModel < 0)
        {
            throw new InvalidOperationException($"{SectionName}:MaxCopiesPerModel must not be negative (got {MaxCopiesPerModel}).");
        }
    }
}
