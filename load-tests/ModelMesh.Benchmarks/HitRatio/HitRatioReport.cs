using ModelMesh.Benchmarks.Latency;

namespace ModelMesh.Benchmarks.HitRatio;

/// <summary>Everything one <c>hit-ratio</c> run produced.</summary>
public sealed record HitRatioReport(MachineInfo Machine, HitRatioOptions Options, DateTimeOffset StartedAt, string LoadAverageAtStart, string LoadAverageAtEnd,
    IReadOnlyList<SimulationRow> Simulations, IReadOnlyList<MeshRow> Mesh);
