namespace ModelMesh.Benchmarks.Latency;

/// <summary>Everything one <c>latency</c> run produced, with what it ran on and how.</summary>
public sealed record LatencyReport(MachineInfo Machine, LatencyOptions Options, DateTimeOffset StartedAt, IReadOnlyList<CellResult> Cells, IReadOnlyList<string> Warnings,
    string LoadAverageAtStart, string LoadAverageAtEnd);
