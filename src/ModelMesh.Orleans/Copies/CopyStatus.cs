using ModelMesh.Orleans.Cache;

namespace ModelMesh.Orleans.Copies;

/// <summary>Where a copy lives and what it holds, as its activation reports it.</summary>
[GenerateSerializer, Immutable]
public sealed class CopyStatus
{
    [Id(0)]
    public required SiloAddress Silo { get; init; }

    [Id(1)]
    public required string Device { get; init; }

    [Id(2)]
    public CopyState State { get; init; }

    [Id(3)]
    public long SizeBytes { get; init; }

    [Id(4)]
    public int InFlight { get; init; }
}
