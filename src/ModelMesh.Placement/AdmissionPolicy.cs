namespace ModelMesh.Placement;

/// <summary>How the cache policy chooses victims for a newcomer (config <c>ModelMesh:Silo:Cache:Admission</c>).</summary>
public enum AdmissionPolicy
{
    /// <summary>Evict the least recently used idle copies (spares first).</summary>
    Lru,

    /// <summary>
    /// TinyLFU-style: a newcomer evicts only idle copies asked for no more often than itself (by
    /// <see cref="FrequencySketch"/>), least recently used first; hotter copies are evicted only when that is not
    /// enough, coldest first. See <see cref="CachePolicy"/> for what "not admitted" means in a serving mesh.
    /// </summary>
    TinyLfu,
}
