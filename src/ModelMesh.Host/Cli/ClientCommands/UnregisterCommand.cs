using System.CommandLine;

namespace ModelMesh.Host.Cli.ClientCommands;

/// <summary><c>modelmesh unregister MODEL_ID</c>: removes a model and unloads its copies.</summary>
internal static class UnregisterCommand
{
    public static Command Create()
    {
        var modelId = new Argument<string>("MODEL_ID") { Description = "The model to remove" };
        var command = new Command("unregister", "Unregister a model (its copies are unloaded)") { modelId };
        return ClientVerb.Attach(command, async invocation =>
        {
            var id = invocation.GetRequired(modelId);
            var response = await invocation.Client.UnregisterModelAsync(id, invocation.Timeout, invocation.CancellationToken);
            if (invocation.Format == OutputFormat.Json)
            {
                await ProtoJson.WriteAsync(invocation.Out, response);
            }
            else
            {
                await invocation.Out.WriteLineAsync($"Unregistered model '{id}'.");
            }

            return ExitCodes.Success;
        });
    }
}
