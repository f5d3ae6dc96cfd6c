namespace ModelMesh.Orleans.Copies;

/// <summary>
/// What one router saw of one model since its previous report (about a second ago): requests per copy number and
/// its requests in flight now. Sent to the model's <see cref="IModelCopiesGrain"/>, never per request.
/// </summary>
[GenerateSerializer, Immutable]
public sealed class CopyLoadReport
{
    /// <summary>The reporting router (its silo address): the grain keeps the latest in-flight count of each.</summary>
    [Id(0)]
    public required string Reporter { get; init; }

    /// <summary>Requests started since the previous report, by copy number (copies with none may be absent).</summary>
    [Id(1)]
    public IReadOnlyDictionary<int, long> RequestsByCopy { get; init; } = new Dictionary<int, long>();

    [Id(2)]
    public int InFlight { get; init; }
}
