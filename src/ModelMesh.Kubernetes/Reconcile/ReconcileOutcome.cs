using ModelMesh.Kubernetes.Status;

namespace ModelMesh.Kubernetes.Reconcile;

/// <summary>The serving state to write back and whether the resource should be looked at again soon (a load or a move under way).</summary>
public sealed record ReconcileOutcome(ServingState State, bool Requeue);
