namespace ModelMesh.Placement;

/// <summary>
/// Decides when a hot model gets one more copy (DESIGN §6): when in-flight requests per loaded copy or the
/// request rate per loaded copy reach their thresholds, at most once per cooldown, one load at a time, and
/// never more copies than silos. Pure: the caller passes the time and the counters.
/// </summary>
public sealed class ScaleUpPolicy
{
    private readonly PlacementOptions _options;

    public ScaleUpPolicy(PlacementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    public bool ShouldAddCopy(in ModelLoadSnapshot load, DateTimeOffset now) => Evaluate(load, now) == ScaleUpDecision.AddCopy;

    public ScaleUpDecision Evaluate(in ModelLoadSnapshot load, DateTimeOffset now)
    {
        if (load.LoadedCopies <= 0 || !IsOverThreshold(load))
        {
            return ScaleUpDecision.NotNeeded;
        }

        var copies = load.LoadedCopies + Math.Max(0, load.CopiesLoading);
        var limit = _options.MaxCopiesPerModel > 0 ? Math.Min(_options.MaxCopiesPerModel, load.LiveSilos) : load.LiveSilos;
        if (copies >= limit)
        {
            return ScaleUpDecision.AtCopyLimit;
        }

        if (load.CopiesLoading > 0)
        {
            return ScaleUpDecision.CopyLoading;
        }

        if (load.LastScaleUpAt is { } last && now - last < _options.ScaleUpCooldown)
        {
            return ScaleUpDecision.CoolingDown;
        }

        return ScaleUpDecision.AddCopy;
    }

    private bool IsOverThreshold(in ModelLoadSnapshot load)
    {
        var copies = (double)load.LoadedCopies;
        return load.InFlight / copies >= _options.InFlightPerCopyThreshold
            || load.RequestsPerMinute / copies >= _options.RequestsPerMinutePerCopyThreshold;
    }
}
