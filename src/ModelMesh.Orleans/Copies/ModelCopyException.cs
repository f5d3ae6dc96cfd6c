namespace ModelMesh.Orleans.Copies;

/// <summary>
/// A typed failure of a model copy, serialized across silos with its <see cref="Failure"/> and <see cref="GrpcStatus"/>
/// (the numeric gRPC status code the front door answers with), so callers never match on message text.
/// </summary>
[GenerateSerializer]
public sealed class ModelCopyException : Exception
{
    public ModelCopyException()
    {
    }

    public ModelCopyException(string message)
        : base(message)
    {
    }

    public ModelCopyException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ModelCopyException(CopyFailure failure, string message, int? grpcStatus = null)
        : base(message)
    {
        Failure = failure;
        GrpcStatus = grpcStatus ?? DefaultStatus(failure);
    }

    [Id(0)]
    public CopyFailure Failure { get; private set; }

    /// <summary>Numeric gRPC status code (3 INVALID_ARGUMENT, 5 NOT_FOUND, 8 RESOURCE_EXHAUSTED, 9 FAILED_PRECONDITION, 10 ABORTED, 14 UNAVAILABLE...).</summary>
    [Id(1)]
    public int GrpcStatus { get; private set; }

    /// <summary>The silo (parsable address) where the copy failed, when it failed there (a load failure); null otherwise.</summary>
    [Id(2)]
    public string? Silo { get; private set; }

    /// <summary>The name of that silo (for access logs); null when the failure did not happen on a silo's copy.</summary>
    [Id(3)]
    public string? SiloName { get; private set; }

    /// <summary>The same failure, naming the silo it happened on (placement avoids it after a failed load).</summary>
    public ModelCopyException At(SiloAddress silo, string siloName) =>
        new(Failure, Message, GrpcStatus) { Silo = silo.ToParsableString(), SiloName = siloName };

    /// <summary>True when another attempt (after placement chooses again, or later) may succeed.</summary>
    public bool IsRetryable => Failure is CopyFailure.NoEligibleSilo or CopyFailure.SiloFull or CopyFailure.CopyEvicted or CopyFailure.SiloUnavailable;

    public static int DefaultStatus(CopyFailure failure) => failure switch
    {
        CopyFailure.InvalidKey or CopyFailure.InvalidRequest => 3,
        CopyFailure.ModelNotFound => 5,
        CopyFailure.ModelTooLarge => 8,
        CopyFailure.LoadFailed => 9,
        CopyFailure.SiloFull => 10,
        CopyFailure.NoEligibleSilo or CopyFailure.CopyEvicted or CopyFailure.SiloUnavailable => 14,
        CopyFailure.DeadlineExceeded => 4,
        _ => 13,
    };
}
