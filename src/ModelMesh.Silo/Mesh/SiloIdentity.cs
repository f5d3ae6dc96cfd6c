namespace ModelMesh.Silo.Mesh;

/// <summary>
/// Who this silo is in the registry. The epoch is new at every process start (registry invariant 2), so
/// records written by an earlier incarnation with the same id are recognisably stale.
/// </summary>
public sealed class SiloIdentity(string siloId, string address, long epoch)
{
    public string SiloId { get; } = siloId;

    public string Address { get; } = address;

    public long Epoch { get; } = epoch;

    public static long NewEpoch() => (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() << 16) | (uint)Random.Shared.Next(0, 1 << 16);
}
