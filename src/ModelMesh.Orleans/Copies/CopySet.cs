namespace ModelMesh.Orleans.Copies;

/// <summary>
/// The copies of one model that routers may send requests to, as its <see cref="IModelCopiesGrain"/> decides: copy 0
/// always, plus every added copy once it is loaded. <see cref="Warming"/> is a copy being loaded for a scale-up
/// (not routable yet), -1 when none.
/// </summary>
[GenerateSerializer, Immutable]
public sealed class CopySet
{
    [Id(0)]
    public IReadOnlyList<int> Copies { get; init; } = [0];

    [Id(1)]
    public int Warming { get; init; } = -1;
}
