using System.CommandLine;

namespace ModelMesh.Host.Cli.ClientCommands;

/// <summary><c>modelmesh list</c>: every registered model and its status.</summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "List registered models and their status");
        return ClientVerb.Attach(command, async invocation =>
        {
            var response = await invocation.Client.ListModelsAsync(invocation.Timeout, invocation.CancellationToken);
            if (invocation.Format == OutputFormat.Json)
            {
                await ProtoJson.WriteAsync(invocation.Out, response);
                return ExitCodes.Success;
            }

            if (response.Models.Count == 0)
            {
                await invocation.Out.WriteLineAsync("No models are registered.");
                return ExitCodes.Success;
            }

            var table = new TextTable("MODEL", "STATUS");
            foreach (var model in response.Models.OrderBy(m => m.ModelId, StringComparer.Ordinal))
            {
                table.AddRow(model.ModelId, StatusNames.Of(model.Status));
            }

            table.WriteTo(invocation.Out);
            return ExitCodes.Success;
        });
    }
}
