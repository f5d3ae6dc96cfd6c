using System.Text.Json.Nodes;
using ModelMesh.Kubernetes.Resources;

namespace ModelMesh.Kubernetes.Status;

/// <summary>
/// An InferenceService's status in ModelMesh mode: <c>modelStatus</c> (states, transitionStatus, copies,
/// lastFailureInfo), <c>url</c> (the gRPC endpoint, as ModelMesh sets it), <c>components.predictor</c> and the
/// <c>PredictorReady</c> and <c>Ready</c> conditions.
/// </summary>
public static class InferenceServiceStatusRenderer
{
    public static JsonObject Render(ServingState state, KubeResource resource, StatusContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(context);
        var existing = resource.Status;
        var modelStatus = new JsonObject
        {
            ["states"] = new JsonObject { ["activeModelState"] = state.ActiveModelState, ["targetModelState"] = state.TargetModelState },
            ["transitionStatus"] = state.TransitionStatus,
            ["copies"] = new JsonObject { ["failedCopies"] = state.FailedCopies, ["totalCopies"] = state.TotalCopies },
        };
        var oldFailure = StatusFields.Property(StatusFields.Property(existing, "modelStatus"), "lastFailureInfo");
        if (StatusFields.FailureInfo(state.LastFailure, oldFailure, context) is { } failure)
        {
            modelStatus["lastFailureInfo"] = failure;
        }

        var conditions = StatusFields.Property(existing, "conditions");
        var reason = state.LastFailure?.Reason ?? "ModelNotLoaded";
        var message = state.LastFailure?.Message ?? $"the model is {state.ActiveModelState}";
        return new JsonObject
        {
            ["modelStatus"] = modelStatus,
            ["url"] = context.GrpcEndpoint,
            ["address"] = new JsonObject { ["url"] = context.HttpEndpoint },
            ["components"] = new JsonObject
            {
                ["predictor"] = new JsonObject { ["grpcUrl"] = context.GrpcEndpoint, ["restUrl"] = context.HttpEndpoint, ["url"] = context.GrpcEndpoint },
            },
            ["conditions"] = new JsonArray(
                StatusFields.Condition("PredictorReady", state.Available, reason, message, conditions, context),
                StatusFields.Condition("Ready", state.Available, reason, message, conditions, context)),
        };
    }
}
