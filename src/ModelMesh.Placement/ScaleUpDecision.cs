namespace ModelMesh.Placement;

/// <summary>The answer of <see cref="ScaleUpPolicy"/>, with the reason when it is not <see cref="AddCopy"/>.</summary>
public enum ScaleUpDecision
{
    /// <summary>Below both thresholds (or no loaded copy: that is a cache miss, not a scale-up).</summary>
    NotNeeded,

    /// <summary>Place one more copy now.</summary>
    AddCopy,

    /// <summary>Over a threshold, but a copy was added less than the cooldown ago.</summary>
    CoolingDown,

    /// <summary>Over a threshold, but a copy is loading already; wait for it.</summary>
    CopyLoading,

    /// <summary>Over a threshold, but every silo holds a copy (or the per-model limit is reached).</summary>
    AtCopyLimit,
}
