using System.CommandLine;

namespace ModelMesh.Host.Cli.ClientCommands;

/// <summary><c>modelmesh cluster</c>: every silo, its devices' memory, and where every model lives.</summary>
internal static class ClusterCommand
{
    public static Command Create()
    {
        var command = new Command("cluster", "Show silos, their memory per device, and which models each holds");
        return ClientVerb.Attach(command, async invocation =>
        {
            var cluster = await invocation.Client.GetClusterStatusAsync(invocation.Timeout, invocation.CancellationToken);
            if (invocation.Format == OutputFormat.Json)
            {
                await ProtoJson.WriteAsync(invocation.Out, cluster);
            }
            else
            {
                ClusterView.Write(invocation.Out, cluster);
            }

            return ExitCodes.Success;
        });
    }
}
