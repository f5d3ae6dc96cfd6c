using System.CommandLine;

namespace ModelMesh.Host.Cli.ClientCommands;

/// <summary>Gives a command the common client options and the client action (exit codes, errors, connection).</summary>
internal static class ClientVerb
{
    public static Command Attach(Command command, Func<ClientInvocation, Task<int>> handler)
    {
        var options = ClientOptions.AddTo(command);
        command.Action = new ClientCommandAction(options, handler);
        return command;
    }
}
