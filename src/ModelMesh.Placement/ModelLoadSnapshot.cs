namespace ModelMesh.Placement;

/// <summary>
/// What a front door knows about one model's load when it considers adding a copy.
/// </summary>
/// <param name="LoadedCopies">Loaded copies of the model in the mesh (copies still loading do not count).</param>
/// <param name="InFlight">Requests in flight to the model, over all its copies.</param>
/// <param name="RequestsPerMinute">Recent request rate to the model, over all its copies.</param>
/// <param name="LiveSilos">Silos with a live lease that could hold a copy (copies never exceed this).</param>
/// <param name="LastScaleUpAt">When a copy was last added for this model, if ever.</param>
/// <param name="CopiesLoading">Copies being loaded now; a scale-up waits for them.</param>
public readonly record struct ModelLoadSnapshot(
    int LoadedCopies,
    int InFlight,
    double RequestsPerMinute,
    int LiveSilos,
    DateTimeOffset? LastScaleUpAt,
    int CopiesLoading = 0);
