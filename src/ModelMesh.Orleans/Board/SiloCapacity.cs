namespace ModelMesh.Orleans.Board;

/// <summary>
/// What a silo publishes to every other silo about once a second: its devices, copies and load. Placement directors
/// decide from these (never by a grain call), so a value is at most one publication old; each director adds its own
/// recent placements on top (<see cref="Placement.PlacementReservations"/>). <see cref="Sequence"/> grows with each
/// publication of one silo incarnation, so a late, reordered message never replaces a newer one.
/// </summary>
[GenerateSerializer, Immutable]
public sealed class SiloCapacity
{
    [Id(0)]
    public required SiloAddress Silo { get; init; }

    [Id(1)]
    public long Sequence { get; init; }

    /// <summary>The silo takes no new copies (it is leaving).</summary>
    [Id(2)]
    public bool Draining { get; init; }

    [Id(3)]
    public IReadOnlyList<DeviceUse> Devices { get; init; } = [];

    /// <summary>Models with a copy here, loading or loaded (a second copy of one model never goes to this silo).</summary>
    [Id(4)]
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>Copy keys (<c>{model}/{n}</c>) held here: a director's reservation ends when its copy shows here.</summary>
    [Id(5)]
    public IReadOnlyList<string> CopyKeys { get; init; } = [];

    [Id(6)]
    public int Loading { get; init; }

    [Id(7)]
    public int LoadSlots { get; init; }

    [Id(8)]
    public int InFlight { get; init; }

    /// <summary>Last use of the least recently used evictable copy; MaxValue when none.</summary>
    [Id(9)]
    public DateTimeOffset OldestLruAt { get; init; } = DateTimeOffset.MaxValue;

    /// <summary>Every copy here with its state and size, and this silo's load failures of the last 15 minutes.</summary>
    [Id(10)]
    public IReadOnlyList<CopyView> Copies { get; init; } = [];

    /// <summary>The silo's name (<c>--id</c>).</summary>
    [Id(11)]
    public string Name { get; init; } = "";

    /// <summary>Copies admitted here (loading or loaded); set also where the lists are left out (<see cref="Cache.SiloCopyCache.PlacementView"/>).</summary>
    [Id(12)]
    public int CopyCount { get; init; }

    /// <summary>The name to show (<c>--id</c>), else its address.</summary>
    public string DisplayName => Name.Length > 0 ? Name : Silo.ToString();

    /// <summary>False for a silo with no model capacity (a front door): never a placement target.</summary>
    public bool HoldsModels => Devices.Any(d => d.CapacityBytes > 0);
}
