namespace ModelMesh.Registry;

/// <summary>
/// One memory pool of a silo as it publishes it (placement input, not stored in the registry): "cpu", "gpu:0"... (the silo's own accounting is the authority).
/// <see cref="EvictableBytes"/> is what the silo could free now: idle copies older than its churn guard.
/// </summary>
public sealed record DeviceCapacity(string Name, long CapacityBytes, long UsedBytes, long EvictableBytes = 0)
{
    public long FreeBytes => Math.Max(0, CapacityBytes - UsedBytes);

    /// <summary>"cpu" for "cpu", "gpu" for "gpu:N".</summary>
    public string DeviceClass => Name.StartsWith("gpu", StringComparison.Ordinal) ? "gpu" : "cpu";
}
