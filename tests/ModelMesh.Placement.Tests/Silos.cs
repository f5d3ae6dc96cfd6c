using ModelMesh.Registry;

namespace ModelMesh.Placement.Tests;

/// <summary>Builders of silo records for placement tests.</summary>
internal static class Silos
{
    public static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static SiloRecord Cpu(string id, long capacity, long used, long evictable = 0) =>
        Silo(id, new DeviceCapacity("cpu", capacity, used, evictable));

    public static SiloRecord Silo(string id, params DeviceCapacity[] devices) => new()
    {
        SiloId = id,
        Epoch = 1,
        Address = $"{id}:9000",
        Devices = devices,
    };

    public static PlacementRequest Request(long size, string deviceClass = "cpu", IReadOnlyDictionary<string, string>? labels = null, params string[] excluded) =>
        new("m", size, deviceClass, labels ?? new Dictionary<string, string>(), excluded);

    public static string[] Ids(PlacementDecision decision)
    {
        var ids = new string[decision.Candidates.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = decision.Candidates[i].SiloId;
        }

        return ids;
    }
}
