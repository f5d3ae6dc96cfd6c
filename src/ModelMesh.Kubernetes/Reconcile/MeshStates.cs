using ModelMesh.Contracts.Management;
using ModelMesh.Kubernetes.Resources;
using ModelMesh.Kubernetes.Status;

namespace ModelMesh.Kubernetes.Reconcile;

/// <summary>Translates the management API's model status into KServe ModelMesh's states and copy counts.</summary>
public static class MeshStates
{
    public static string StateOf(ModelStatusInfo? status) => status?.Status switch
    {
        ModelStatus.Loaded => ModelStates.Loaded,
        ModelStatus.Loading => ModelStates.Loading,
        ModelStatus.LoadingFailed => ModelStates.FailedToLoad,
        ModelStatus.NotLoaded => ModelStates.Standby,
        _ => ModelStates.Pending,
    };

    /// <summary>A Standby model is registered and loads on its first request, so its name serves.</summary>
    public static bool Serves(string state) => state is ModelStates.Loaded or ModelStates.Standby;

    public static int Copies(ModelStatusInfo? status, string state) => status?.Copies.Count(c => c.State == state) ?? 0;

    public static FailureInfo? Failure(ModelStatusInfo? status) =>
        status is { Status: ModelStatus.LoadingFailed }
            ? new FailureInfo(FailureReasons.ModelLoadFailed, status.Errors.Count > 0 ? string.Join("; ", status.Errors) : "the model failed to load", status.ModelId)
            : null;

    /// <summary>One model serves the name and is what the spec asks for.</summary>
    public static ServingState UpToDate(ModelStatusInfo status)
    {
        var state = StateOf(status);
        return new ServingState(Serves(state), state, ModelStates.None, ModelStates.UpToDate, Failure(status), Copies(status, "loaded"), Copies(status, "failed"));
    }

    /// <summary>The name still serves <paramref name="active"/> while <paramref name="target"/> loads (or failed to).</summary>
    public static ServingState Moving(ModelStatusInfo? active, ModelStatusInfo target)
    {
        var activeState = StateOf(active);
        var targetState = StateOf(target);
        var transition = targetState == ModelStates.FailedToLoad ? ModelStates.BlockedByFailedLoad : ModelStates.InProgress;
        return new ServingState(Serves(activeState), activeState, targetState, transition, Failure(target), Copies(active, "loaded"), Copies(target, "failed"));
    }

    /// <summary>The spec cannot be served; the name keeps serving whatever it served before (if anything).</summary>
    public static ServingState Invalid(ModelStatusInfo? active, string reason, string message, string? modelId = null)
    {
        var activeState = active is null ? ModelStates.Pending : StateOf(active);
        return new ServingState(active is not null && Serves(activeState), activeState, ModelStates.None, ModelStates.InvalidSpec,
            new FailureInfo(reason, message, modelId), Copies(active, "loaded"), Copies(active, "failed"));
    }
}
