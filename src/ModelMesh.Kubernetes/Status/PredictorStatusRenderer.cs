using System.Text.Json.Nodes;
using ModelMesh.Kubernetes.Resources;

namespace ModelMesh.Kubernetes.Status;

/// <summary>A Predictor's status as KServe ModelMesh writes it (flat: available, activeModelState, ... httpEndpoint).</summary>
public static class PredictorStatusRenderer
{
    public static JsonObject Render(ServingState state, KubeResource resource, StatusContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(context);
        var status = new JsonObject
        {
            ["available"] = state.Available,
            ["activeModelState"] = state.ActiveModelState,
            ["targetModelState"] = state.TargetModelState,
            ["transitionStatus"] = state.TransitionStatus,
            ["totalCopies"] = state.TotalCopies,
            ["failedCopies"] = state.FailedCopies,
            ["grpcEndpoint"] = context.GrpcEndpoint,
            ["httpEndpoint"] = context.HttpEndpoint,
        };
        if (StatusFields.FailureInfo(state.LastFailure, StatusFields.Property(resource.Status, "lastFailureInfo"), context) is { } failure)
        {
            status["lastFailureInfo"] = failure;
        }

        return status;
    }
}
