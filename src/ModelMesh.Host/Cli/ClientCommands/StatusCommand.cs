using System.CommandLine;
using ModelMesh.Contracts.Management;

namespace ModelMesh.Host.Cli.ClientCommands;

/// <summary>
/// <c>modelmesh status MODEL_ID</c>: state, copies and errors of one model. A model the server reports as
/// NOT_FOUND exits 1, as a NOT_FOUND gRPC error does, so scripts can test for registration.
/// </summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var modelId = new Argument<string>("MODEL_ID") { Description = "The model" };
        var command = new Command("status", "Show a model's status and where its copies are") { modelId };
        return ClientVerb.Attach(command, async invocation =>
        {
            var id = invocation.GetRequired(modelId);
            var status = await invocation.Client.GetModelStatusAsync(id, invocation.Timeout, invocation.CancellationToken);
            if (invocation.Format == OutputFormat.Json)
            {
                await ProtoJson.WriteAsync(invocation.Out, status);
            }
            else if (status.Status != ModelStatus.NotFound)
            {
                ModelStatusView.Write(invocation.Out, status);
            }

            if (status.Status == ModelStatus.NotFound)
            {
                await invocation.Error.WriteLineAsync($"error: NOT_FOUND: model '{id}' is not registered");
                return ExitCodes.RpcError;
            }

            return ExitCodes.Success;
        });
    }
}
