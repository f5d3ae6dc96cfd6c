namespace ModelMesh.Orleans.Board;

/// <summary>One memory pool of a silo as it publishes it: "cpu", "gpu:0"... with its budget, the bytes its copies hold
/// (reserved while loading, measured once loaded) and the bytes it could free now by evicting idle copies.</summary>
[GenerateSerializer, Immutable]
public sealed class DeviceUse
{
    [Id(0)]
    public required string Name { get; init; }

    [Id(1)]
    public long CapacityBytes { get; init; }

    [Id(2)]
    public long UsedBytes { get; init; }

    [Id(3)]
    public long EvictableBytes { get; init; }

    public long FreeBytes => CapacityBytes - UsedBytes;
}
