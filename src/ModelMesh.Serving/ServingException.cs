using Grpc.Core;

namespace ModelMesh.Serving;

/// <summary>
/// An expected serving failure (bad input, unknown model, not ready...) carrying the gRPC status code
/// it maps to; <see cref="HttpStatusCodes"/> gives the REST status for the same code (docs/architecture.md, Error codes).
/// </summary>
public sealed class ServingException : Exception
{
    public ServingException(StatusCode code, string message)
        : base(message) => Code = code;

    public ServingException(StatusCode code, string message, Exception inner)
        : base(message, inner) => Code = code;

    public StatusCode Code { get; }

    public int HttpStatus => HttpStatusCodes.FromGrpc(Code);

    public static ServingException InvalidArgument(string message) => new(StatusCode.InvalidArgument, message);

    public static ServingException NotFound(string message) => new(StatusCode.NotFound, message);

    public static ServingException Unavailable(string message) => new(StatusCode.Unavailable, message);
}
