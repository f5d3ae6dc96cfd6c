using Microsoft.Extensions.Options;

namespace ModelMesh.Serving.Grpc;

/// <summary>Validates <see cref="GrpcOptions"/> when a role resolves them.</summary>
public sealed class GrpcOptionsValidator : IValidateOptions<GrpcOptions>
{
    /// <summary>Below this a V2 request with a few small tensors no longer fits.</summary>
    public const int MinMessageBytes = 4 * 1024;

    public ValidateOptionsResult Validate(string? name, GrpcOptions options) =>
        options.MaxMessageBytes < MinMessageBytes
            ? ValidateOptionsResult.Fail($"{GrpcOptions.SectionName}:MaxMessageBytes must be at least {MinMessageBytes} (got {options.MaxMessageBytes}).")
            : ValidateOptionsResult.Success;
}
