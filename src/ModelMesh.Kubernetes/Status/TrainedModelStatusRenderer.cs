using System.Text.Json.Nodes;
using ModelMesh.Kubernetes.Resources;

namespace ModelMesh.Kubernetes.Status;

/// <summary>
/// A TrainedModel's status as KServe writes it: <c>conditions</c> (FrameworkSupported, MemoryResourceAvailable, Ready),
/// <c>url</c> and <c>address.url</c> (the model's V2 REST path on the front door).
/// </summary>
public static class TrainedModelStatusRenderer
{
    public static JsonObject Render(ServingState state, KubeResource resource, StatusContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(context);
        var conditions = StatusFields.Property(resource.Status, "conditions");
        var failure = state.LastFailure;
        var frameworkOk = failure?.Reason != FailureReasons.NoSupportingRuntime;
        var url = $"{context.HttpEndpoint.TrimEnd('/')}/v2/models/{resource.Name}";
        return new JsonObject
        {
            ["url"] = url,
            ["address"] = new JsonObject { ["url"] = url },
            ["conditions"] = new JsonArray(
                StatusFields.Condition("FrameworkSupported", frameworkOk, failure?.Reason, failure?.Message, conditions, context),
                StatusFields.Condition("MemoryResourceAvailable", true, null, null, conditions, context),
                StatusFields.Condition("Ready", state.Available, failure?.Reason ?? "ModelNotLoaded", failure?.Message ?? $"the model is {state.ActiveModelState}", conditions, context)),
        };
    }
}
