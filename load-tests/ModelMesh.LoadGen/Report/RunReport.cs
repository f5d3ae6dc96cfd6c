using ModelMesh.LoadGen.Mesh;

namespace ModelMesh.LoadGen.Report;

/// <summary>What a run wrote to JSON and drew in HTML. Latencies are in milliseconds.</summary>
public sealed class RunReport
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    public required string StartedUtc { get; init; }

    public required string Target { get; init; }

    public required string Protocol { get; init; }

    public required string Load { get; init; }

    public required string Models { get; init; }

    public required string CommandLine { get; init; }

    public required Summary Summary { get; init; }

    public required SortedDictionary<string, long> Errors { get; init; }

    public required IReadOnlyDictionary<string, string> ErrorSamples { get; init; }

    public required IReadOnlyList<SecondRow> PerSecond { get; init; }

    public required IReadOnlyList<PercentilePoint> Distribution { get; init; }

    public required MeshReport Mesh { get; init; }

    public required IReadOnlyList<ActionResult> Actions { get; init; }

    public required IReadOnlyList<string> Notes { get; init; }
}

public sealed record Summary(
    long Requests, long Succeeded, long Failed, long WarmupRequests, double DurationSeconds, double ThroughputPerSecond,
    double OfferedPerSecond, double MeanMs, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs, double MinMs);

/// <summary>One second of the measured window (by intended send time): completions, errors and latency percentiles of successes.</summary>
public sealed record SecondRow(int Second, long Requests, long Errors, double P50Ms, double P90Ms, double P99Ms, double MaxMs);

public sealed record PercentilePoint(double Percentile, double LatencyMs);

public sealed record ActionResult(double AtSeconds, string Kind, string Silo, double DoneAtSeconds, string Outcome);

/// <summary>Mesh-side counters: from /metrics when given and present, from the embedded silos' events, from cluster snapshots.</summary>
public sealed class MeshReport
{
    public SortedDictionary<string, MetricDelta> Metrics { get; init; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, long> EmbeddedEvents { get; init; } = new(StringComparer.Ordinal);

    public long LoadsSeenInSnapshots { get; init; }

    public long EvictionsSeenInSnapshots { get; init; }

    public long SilosLost { get; init; }

    public IReadOnlyList<ClusterSample> Cluster { get; init; } = [];

    public IReadOnlyList<string> MeshWarnings { get; init; } = [];

    public long MeshWarningCount { get; init; }

    public IReadOnlyList<string> Sources { get; init; } = [];
}
