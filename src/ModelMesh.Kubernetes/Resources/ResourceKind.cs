using System.Text.Json;
using System.Text.Json.Nodes;
using ModelMesh.Kubernetes.Status;

namespace ModelMesh.Kubernetes.Resources;

/// <summary>
/// The three KServe resources the controller serves (group <c>serving.kserve.io</c>): how to map one to a mesh model
/// and how to write its status back.
/// </summary>
public sealed class ResourceKind
{
    public const string Group = "serving.kserve.io";

    public static readonly ResourceKind Predictor = new("Predictor", "v1alpha1", "predictors", PredictorMapper.Map, PredictorStatusRenderer.Render);

    public static readonly ResourceKind InferenceService = new("InferenceService", "v1beta1", "inferenceservices", InferenceServiceMapper.Map, InferenceServiceStatusRenderer.Render);

    public static readonly ResourceKind TrainedModel = new("TrainedModel", "v1alpha1", "trainedmodels", TrainedModelMapper.Map, TrainedModelStatusRenderer.Render);

    public static IReadOnlyList<ResourceKind> All { get; } = [Predictor, InferenceService, TrainedModel];

    private ResourceKind(string kind, string version, string plural,
        Func<KubeResource, ModelSpecResult> map, Func<ServingState, KubeResource, StatusContext, JsonObject> render)
    {
        Kind = kind;
        Version = version;
        Plural = plural;
        Map = map;
        Render = render;
    }

    public string Kind { get; }

    public string Version { get; }

    public string Plural { get; }

    /// <summary>The mesh model a resource asks for, or why it asks for none.</summary>
    public Func<KubeResource, ModelSpecResult> Map { get; }

    /// <summary>The resource's whole <c>status</c> for a serving state (existing condition times are kept).</summary>
    public Func<ServingState, KubeResource, StatusContext, JsonObject> Render { get; }

    public override string ToString() => Kind;

    internal static JsonElement? Path(JsonElement element, params string[] names)
    {
        foreach (var name in names)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : element;
    }

    internal static string? String(JsonElement element, params string[] names) =>
        Path(element, names) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
