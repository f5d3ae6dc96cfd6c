namespace ModelMesh.Registry;

public enum CopyState
{
    Loading,
    Loaded,
    Failed,
}

/// <summary>
/// One copy of a model on one silo. Only that silo writes it (registry invariant 1), and it carries the
/// silo's epoch (invariant 2): a copy whose epoch differs from the silo's live lease is dead.
/// </summary>
public sealed record CopyRecord
{
    public required string ModelId { get; init; }

    public required string SiloId { get; init; }

    public required long Epoch { get; init; }

    public required CopyState State { get; init; }

    public DateTimeOffset Since { get; init; }

    public long SizeBytes { get; init; }

    public string Device { get; init; } = "cpu";

    public string? Error { get; init; }
}
