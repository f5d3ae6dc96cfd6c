namespace ModelMesh.Kubernetes.Resources;

/// <summary>A resource's identity within the controller's namespace.</summary>
public readonly record struct ResourceKey(ResourceKind Kind, string Name)
{
    public override string ToString() => $"{Kind.Kind}/{Name}";
}
