using ModelMesh.Benchmarks.Latency;

namespace ModelMesh.Benchmarks.Watch;

/// <summary>Everything one <c>watch-latency</c> run produced.</summary>
public sealed record WatchLatencyReport(MachineInfo Machine, string Registry, int Events, string Method, DateTimeOffset StartedAt, string LoadAverageAtStart, string LoadAverageAtEnd, IReadOnlyList<WatchLatencyRow> Rows);
