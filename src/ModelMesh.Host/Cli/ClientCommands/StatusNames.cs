using ModelMesh.Contracts.Management;
using Grpc.Core;
using ModelMesh.Serving;
using ModelMesh.Serving.Grpc;

namespace ModelMesh.Host.Cli.ClientCommands;

/// <summary>The names the CLI prints for gRPC status codes and model states (the wire names: NOT_FOUND, LOADED...).</summary>
internal static class StatusNames
{
    public static string Of(StatusCode code) => StatusCodeNames.Of(code);

    public static string Of(ModelStatus status) => ModelStatusNames.Of(status);
}
