namespace ModelMesh.Registry;

public enum SiloState
{
    Active,
    Draining,
}

/// <summary>
/// A silo's lease record, refreshed by its heartbeat. <see cref="Epoch"/> is new at every start of the
/// process, so records of an earlier incarnation with the same id are told apart and ignored.
/// </summary>
public sealed record SiloRecord
{
    public required string SiloId { get; init; }

    public required long Epoch { get; init; }

    /// <summary>host:port of the silo's gRPC endpoint.</summary>
    public required string Address { get; init; }

    public SiloState State { get; init; } = SiloState.Active;

    public IReadOnlyList<DeviceCapacity> Devices { get; init; } = [];

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Last-used time of the silo's least recently used evictable copy (MaxValue when it holds none).</summary>
    public DateTimeOffset OldestLruAt { get; init; } = DateTimeOffset.MaxValue;

    public int InFlight { get; init; }

    public int LoadedCount { get; init; }

    /// <summary>How many loads the silo runs at once (its loading concurrency limit); 0 from silos that do not say.</summary>
    public int LoadSlots { get; init; }

    public string Version { get; init; } = "";
}
