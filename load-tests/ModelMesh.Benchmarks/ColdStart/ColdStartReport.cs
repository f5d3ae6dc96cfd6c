using ModelMesh.Benchmarks.Latency;

namespace ModelMesh.Benchmarks.ColdStart;

/// <summary>Everything one <c>cold-start</c> run produced.</summary>
public sealed record ColdStartReport(MachineInfo Machine, int Repetitions, string Method, DateTimeOffset StartedAt, string LoadAverageAtStart, string LoadAverageAtEnd, IReadOnlyList<ColdStartRow> Rows);
