namespace ModelMesh.Benchmarks.Latency;

/// <summary>One model at one concurrency level: both paths, measured back to back in the same run.</summary>
public sealed record CellResult(string Model, int Concurrency, long PayloadBytes, LatencySummary Grpc, LatencySummary InProcess)
{
    /// <summary>gRPC p50 / in-process p50 (above 1: gRPC is slower).</summary>
    public double P50Ratio => Grpc.P50Us / InProcess.P50Us;

    /// <summary>gRPC p99 / in-process p99.</summary>
    public double P99Ratio => Grpc.P99Us / InProcess.P99Us;

    /// <summary>gRPC throughput / in-process throughput (below 1: gRPC serves fewer requests per second).</summary>
    public double ThroughputRatio => Grpc.RequestsPerSecond / InProcess.RequestsPerSecond;
}
