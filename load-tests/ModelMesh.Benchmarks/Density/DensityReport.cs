using ModelMesh.Benchmarks.Latency;

namespace ModelMesh.Benchmarks.Density;

/// <summary>Everything one <c>density</c> run produced.</summary>
public sealed record DensityReport(
    MachineInfo Machine, int Models, long FileBytesEach, int HiddenWidth, IReadOnlyList<DensitySnapshot> Snapshots, int MaxThreadsWhileLoading,
    double LoadSecondsTotal, int InferenceFailures, string LoadAverageAtStart, string LoadAverageAtEnd)
{
    /// <summary>RSS growth per model between 1 model and all of them.</summary>
    public double RssPerModelBytes => (Snapshots[^1].RssBytes - Snapshots[1].RssBytes) / (double)(Models - 1);

    public double RssAnonPerModelBytes => (Snapshots[^1].RssAnonBytes - Snapshots[1].RssAnonBytes) / (double)(Models - 1);

    /// <summary>silo (the silo's cache over gRPC) or copy-cache (the Orleans copy cache in process).</summary>
    public string Target { get; init; } = "silo";

    /// <summary>The size rule's per-session overhead in this run.</summary>
    public long OverheadBytes { get; init; }

    /// <summary>(accounted - RSS growth) / RSS growth, per model: the accounting's error (goal within +-15%).</summary>
    public double AccountedVsRss => (AccountedPerModelBytes - RssPerModelBytes) / RssPerModelBytes;

    public double AccountedPerModelBytes => (Snapshots[^1].AccountedBytes - Snapshots[1].AccountedBytes) / (double)(Models - 1);
}
