namespace ModelMesh.Benchmarks.Mesh;

/// <summary>What one <c>mesh-latency</c> run measures: per model and concurrency, three paths, warm-up then a fixed window each.</summary>
public sealed record MeshLatencyOptions(TimeSpan Duration, TimeSpan Warmup, IReadOnlyList<int> ConcurrencyLevels, IReadOnlyList<string> Models, string? JsonPath);
