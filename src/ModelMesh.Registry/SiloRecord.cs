namespace ModelMesh.Registry;

public enum SiloState
{
    Active,
    Draining,
}

/// <summary>
/// What placement knows of one silo: its capacity, load and labels, as plain data (the registry does not store it;
/// the Orleans placement director builds it from the capacity a member publishes). <see cref="Epoch"/> tells
/// incarnations of one silo id apart (Orleans' silo generation).
/// </summary>
public sealed record SiloRecord
{
    public required string SiloId { get; init; }

    public required long Epoch { get; init; }

    /// <summary>How the silo is reached (the Orleans silo address in the mesh).</summary>
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
