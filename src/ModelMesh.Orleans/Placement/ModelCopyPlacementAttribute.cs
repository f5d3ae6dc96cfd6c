using Orleans.Placement;

namespace ModelMesh.Orleans.Placement;

/// <summary>Places the grain class with <see cref="ModelCopyPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ModelCopyPlacementAttribute : PlacementAttribute
{
    public ModelCopyPlacementAttribute()
        : base(ModelCopyPlacement.Singleton)
    {
    }
}
