namespace ModelMesh.Placement;

/// <summary>How the cache policy chooses victims for a newcomer (config <c>ModelMesh:Silo:Cache:Admission</c>).</summary>
public enum AdmissionPolicy
{
    /// <summary>Evict the least recently used idle copies (spares first).</summary>
    Lru,

    /// <summary>
    /// TinyLFU-style: a newcomer evicts the idle copies with the lowest recent frequency per byte (by
    /// <see cref="FrequencySketch"/>; spares first, least recently used among equals), and is itself loaded, so a cold
    /// newcomer is the next victim. See <see cref="CachePolicy"/> for why a serving mesh cannot refuse to cache it.
    /// </summary>
    TinyLfu,
}
