using ModelMesh.Benchmarks.Latency;

namespace ModelMesh.Benchmarks.Mesh;

/// <summary>Everything one <c>mesh-latency</c> run produced.</summary>
public sealed record MeshLatencyReport(
    MachineInfo Machine, MeshLatencyOptions Options, DateTimeOffset StartedAt, string LoadAverageAtStart, string LoadAverageAtEnd,
    IReadOnlyList<MeshCell> Cells, IReadOnlyList<string> Warnings);
