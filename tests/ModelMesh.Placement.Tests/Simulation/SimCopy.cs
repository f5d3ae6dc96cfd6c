namespace ModelMesh.Placement.Tests.Simulation;

/// <summary>One copy in a simulated silo's ledger.</summary>
internal sealed class SimCopy(string modelId, string device, long sizeBytes, DateTimeOffset loadDoneAt)
{
    public string ModelId { get; } = modelId;

    public string Device { get; } = device;

    public long SizeBytes { get; } = sizeBytes;

    public DateTimeOffset LoadDoneAt { get; } = loadDoneAt;

    public bool IsLoading { get; set; } = true;

    public DateTimeOffset LastUsed { get; set; } = loadDoneAt;

    public int InFlight { get; set; }
}
