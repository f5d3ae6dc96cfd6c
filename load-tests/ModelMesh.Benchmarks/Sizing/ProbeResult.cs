namespace ModelMesh.Benchmarks.Sizing;

/// <summary>
/// What one <c>sizing-probe</c> process saw for one model file: the loader's prediction and measurement, and the
/// process's VmRSS / RssAnon (after a full GC) before the load, after it, and after the first Run.
/// </summary>
public sealed record ProbeResult(
    string Model,
    long FileBytes,
    long PredictedBytes,
    long MeasuredBytes,
    long RssBefore,
    long RssAfterLoad,
    long RssAfterRun,
    long AnonBefore,
    long AnonAfterLoad,
    long AnonAfterRun,
    double LoadMs)
{
    /// <summary>The independent measure: resident growth with the model loaded and run once.</summary>
    public long RealBytes => RssAfterRun - RssBefore;

    public long RealAnonBytes => AnonAfterRun - AnonBefore;

    public double PredictedError => Error(PredictedBytes);

    public double MeasuredError => Error(MeasuredBytes);

    /// <summary>(estimate - real) / real: positive over-estimates (wasted capacity), negative under-estimates (OOM risk).</summary>
    public double Error(long estimate) => RealBytes <= 0 ? double.NaN : (estimate - RealBytes) / (double)RealBytes;
}
