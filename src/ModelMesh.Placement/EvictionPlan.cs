namespace ModelMesh.Placement;

/// <summary>
/// The cache policy's answer to a reservation: admitted (after evicting <see cref="Victims"/>, in order), or
/// refused with a reason.
/// </summary>
public sealed record EvictionPlan(bool Admitted, IReadOnlyList<string> Victims, string? RefusalReason)
{
    /// <summary>Admitted without eviction (shared instance: the common case allocates nothing).</summary>
    public static readonly EvictionPlan AdmitNow = new(Admitted: true, [], RefusalReason: null);

    public static EvictionPlan Refuse(string reason) => new(Admitted: false, [], reason);
}
