namespace ModelMesh.Placement;

/// <summary>
/// A request for a new copy of a model.
/// </summary>
/// <param name="ModelId">The model to place.</param>
/// <param name="SizeBytes">Predicted (or measured) size of one copy.</param>
/// <param name="DeviceClass">"cpu" or "gpu".</param>
/// <param name="RequiredLabels">Silo labels the model requires (all must match).</param>
/// <param name="ExcludedSiloIds">Silos not to choose: they hold a copy already, failed the model recently, or refused just now.</param>
/// <param name="LoadsInProgress">
/// Loads under way per silo id as the caller knows them (its own placements not yet finished, and copies the
/// registry shows loading). Silos whose loading slots are all taken rank after those with a free slot, so a
/// storm of cold models spreads over the silos instead of queueing on the best-fit one. Null: none known.
/// </param>
public sealed record PlacementRequest(
    string ModelId,
    long SizeBytes,
    string DeviceClass,
    IReadOnlyDictionary<string, string> RequiredLabels,
    IReadOnlyCollection<string> ExcludedSiloIds,
    IReadOnlyDictionary<string, int>? LoadsInProgress = null);
