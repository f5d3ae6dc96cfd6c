namespace ModelMesh.Benchmarks.Latency;

/// <summary>What one <c>latency</c> run measures: per model and concurrency level, warm-up then a fixed window.</summary>
public sealed record LatencyOptions(
    TimeSpan Duration,
    TimeSpan Warmup,
    IReadOnlyList<int> ConcurrencyLevels,
    IReadOnlyList<string> Models,
    GrpcCallMode GrpcMode,
    string? JsonPath);
