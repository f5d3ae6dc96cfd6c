using ModelMesh.Orleans.Copies;
using Orleans.Runtime.Messaging;

namespace ModelMesh.Orleans.Routing;

/// <summary>
/// Which failures of a copy call another copy may not have (inference is idempotent, so any of these retries):
/// a dead or unreachable silo (Orleans rejects new calls to it at once and fails calls in flight when membership
/// declares it dead), a broken connection, a response timeout, and the copy's own retryable refusals (silo full,
/// no eligible silo, copy evicted) and failed loads (another silo may load it). Never client errors: bad input
/// (INVALID_ARGUMENT), unknown model (NOT_FOUND), too large for any device (RESOURCE_EXHAUSTED).
/// </summary>
internal static class RetryRules
{
    public static bool IsRetryable(Exception error) =>
        error is ModelCopyException copy ? copy.IsRetryable || copy.Failure == CopyFailure.LoadFailed : IsTransport(error);

    /// <summary>The silo did not answer: dead, unreachable, connection broken, or no response in time.</summary>
    public static bool IsTransport(Exception error) =>
        error is SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException or GatewayTooBusyException
            or TimeoutException;

    /// <summary>True for a silo that did not answer (not for a refusal by a live silo): the next attempt goes at once to another copy, no backoff.</summary>
    public static bool IsUnreachable(Exception error) => error is not ModelCopyException;
}
