namespace ModelMesh.Placement;

/// <summary>
/// The result of placement: every viable candidate, best first, so the caller can try the next one when a
/// silo refuses. When <see cref="Candidates"/> is empty, <see cref="FailureReason"/> says why:
/// with <see cref="ModelTooLarge"/> the caller answers RESOURCE_EXHAUSTED (no retry helps), otherwise
/// UNAVAILABLE (retry later: capacity may free up or silos may join).
/// </summary>
public sealed record PlacementDecision(IReadOnlyList<PlacementCandidate> Candidates, string? FailureReason, bool ModelTooLarge)
{
    public bool HasCandidates => Candidates.Count > 0;

    internal static PlacementDecision Unavailable(string reason) => new([], reason, ModelTooLarge: false);

    internal static PlacementDecision TooLarge(string reason) => new([], reason, ModelTooLarge: true);
}
