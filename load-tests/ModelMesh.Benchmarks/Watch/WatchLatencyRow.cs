using ModelMesh.Benchmarks.Common;

namespace ModelMesh.Benchmarks.Watch;

/// <summary>One gap's timings in milliseconds: write start to the watcher seeing the event, and the write's own round trip.</summary>
public sealed record WatchLatencyRow(double GapMs, Percentiles WatchMs, Percentiles WriteMs);
