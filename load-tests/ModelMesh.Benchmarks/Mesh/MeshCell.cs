using ModelMesh.Benchmarks.Latency;

namespace ModelMesh.Benchmarks.Mesh;

/// <summary>One model at one concurrency: served, direct-to-silo and in-process, measured back to back.</summary>
public sealed record MeshCell(string Model, int Concurrency, LatencySummary Served, LatencySummary Direct, LatencySummary InProcess)
{
    public double ServedOverDirectP50 => Served.P50Us / Direct.P50Us;

    public double ServedOverInProcessP50 => Served.P50Us / InProcess.P50Us;

    public double DirectOverInProcessP50 => Direct.P50Us / InProcess.P50Us;

    /// <summary>Served throughput / direct throughput (below 1: the front door hop costs throughput).</summary>
    public double ServedOverDirectThroughput => Served.RequestsPerSecond / Direct.RequestsPerSecond;

    public double ServedOverInProcessThroughput => Served.RequestsPerSecond / InProcess.RequestsPerSecond;

    /// <summary>What the front door hop adds at the median, in microseconds (served p50 - direct p50).</summary>
    public double FrontDoorHopUs => Served.P50Us - Direct.P50Us;
}
