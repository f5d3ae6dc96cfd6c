namespace ModelMesh.Orleans.Board;

/// <summary>One copy as its silo publishes it: for model status, <c>modelmesh cluster</c> and routing to loaded copies.</summary>
[GenerateSerializer, Immutable]
public sealed class CopyView
{
    [Id(0)]
    public required string Key { get; init; }

    [Id(1)]
    public required string ModelId { get; init; }

    [Id(2)]
    public CopyStateName State { get; init; }

    [Id(3)]
    public string Device { get; init; } = "cpu";

    [Id(4)]
    public long SizeBytes { get; init; }

    /// <summary>When it entered its state (loading: admitted; failed: when the load failed).</summary>
    [Id(5)]
    public DateTimeOffset Since { get; init; }

    /// <summary>The load's error, for a failed copy.</summary>
    [Id(6)]
    public string? Error { get; init; }
}

/// <summary>A published copy's state.</summary>
public enum CopyStateName
{
    Loading,
    Loaded,
    Failed,
}
