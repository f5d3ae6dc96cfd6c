using OrleansPlacementStrategy = Orleans.Runtime.PlacementStrategy;

namespace ModelMesh.Orleans.Placement;

/// <summary>The placement strategy of model copies: best fit by device memory (<see cref="ModelCopyPlacementDirector"/>).</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class ModelCopyPlacement : OrleansPlacementStrategy
{
    internal static readonly ModelCopyPlacement Singleton = new();
}
