namespace ModelMesh.Orleans.Copies;

/// <summary>Why a model copy could not be placed, loaded or run; each maps to one gRPC status (<see cref="ModelCopyException.GrpcStatus"/>).</summary>
public enum CopyFailure
{
    /// <summary>The grain key is not <c>{model}/{n}</c> (INVALID_ARGUMENT).</summary>
    InvalidKey,

    /// <summary>No registration for the model (NOT_FOUND).</summary>
    ModelNotFound,

    /// <summary>The copy is larger than every device of its class in the cluster: no retry helps (RESOURCE_EXHAUSTED).</summary>
    ModelTooLarge,

    /// <summary>No eligible silo has room now (every silo full of recent or busy copies, draining, or holding a copy): retry later (UNAVAILABLE).</summary>
    NoEligibleSilo,

    /// <summary>The silo the activation landed on cannot make room now (stale placement): retry, placement will choose again (ABORTED).</summary>
    SiloFull,

    /// <summary>The model's session could not be created on this silo (FAILED_PRECONDITION).</summary>
    LoadFailed,

    /// <summary>The copy was evicted between the call's arrival and its run: retry (UNAVAILABLE).</summary>
    CopyEvicted,

    /// <summary>The request bytes are not a V2 ModelInferRequest, or the model rejected them (INVALID_ARGUMENT).</summary>
    InvalidRequest,

    /// <summary>Inference failed with the status in <see cref="ModelCopyException.GrpcStatus"/>.</summary>
    InferenceFailed,

    /// <summary>The caller's deadline passed before a copy answered (DEADLINE_EXCEEDED).</summary>
    DeadlineExceeded,

    /// <summary>No copy answered: their silos were unreachable or dead and the router's attempts ran out (UNAVAILABLE).</summary>
    SiloUnavailable,
}
