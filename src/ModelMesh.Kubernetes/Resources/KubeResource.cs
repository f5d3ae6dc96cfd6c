using System.Text.Json;

namespace ModelMesh.Kubernetes.Resources;

/// <summary>One custom resource as the API server returned it: its identity plus the whole object for the mappers.</summary>
public sealed record KubeResource(ResourceKind Kind, string Name, string Namespace, string ResourceVersion, JsonElement Object)
{
    public ResourceKey Key => new(Kind, Name);

    /// <summary>Reads metadata from an object of <paramref name="kind"/> (a list item or a watch event's object).</summary>
    public static KubeResource From(ResourceKind kind, JsonElement obj)
    {
        var metadata = obj.GetProperty("metadata");
        return new KubeResource(
            kind,
            metadata.GetProperty("name").GetString() ?? "",
            metadata.TryGetProperty("namespace", out var ns) ? ns.GetString() ?? "" : "",
            metadata.TryGetProperty("resourceVersion", out var rv) ? rv.GetString() ?? "" : "",
            obj.Clone());
    }

    public string? Annotation(string name) =>
        Object.GetProperty("metadata").TryGetProperty("annotations", out var annotations)
        && annotations.ValueKind == JsonValueKind.Object
        && annotations.TryGetProperty(name, out var value) ? value.GetString() : null;

    /// <summary>The object's <c>status</c>, or an undefined element when it has none.</summary>
    public JsonElement Status => Object.TryGetProperty("status", out var status) ? status : default;
}
