namespace ModelMesh.Metrics;

/// <summary>What a silo reports at scrape time for its instance gauges.</summary>
/// <param name="ModelsLoaded">Copies in the loaded state.</param>
/// <param name="Copies">Copies held in any state (loading, loaded, failed).</param>
/// <param name="LruAgeSeconds">Seconds since the least recently used evictable copy was used; null when none is evictable.</param>
/// <param name="Devices">Capacity and bytes used per device (cpu, gpu:N).</param>
public sealed record SiloGaugeReading(int ModelsLoaded, int Copies, double? LruAgeSeconds, IReadOnlyList<DeviceReading> Devices);

/// <summary>One device of a silo: capacity and bytes used by copies (loading and loaded).</summary>
public readonly record struct DeviceReading(string Device, long CapacityBytes, long UsedBytes);
