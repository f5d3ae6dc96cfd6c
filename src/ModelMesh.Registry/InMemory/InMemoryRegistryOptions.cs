namespace ModelMesh.Registry;

/// <summary>Options of <see cref="InMemoryMeshRegistry"/>.</summary>
public sealed class InMemoryRegistryOptions
{
    /// <summary>How many change events are kept for watchers (default 10,000); older ones are trimmed (a gap).</summary>
    public int MaxEvents { get; set; } = 10_000;
}
