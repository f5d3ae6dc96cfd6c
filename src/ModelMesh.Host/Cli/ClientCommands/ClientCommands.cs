using System.CommandLine;

namespace ModelMesh.Host.Cli.ClientCommands;

/// <summary>
/// The client verbs (<c>register</c>, <c>unregister</c>, <c>status</c>, <c>list</c>, <c>cluster</c>, <c>infer</c>,
/// <c>vmodel</c>): thin wrappers over <see cref="ModelMesh.Client.ModelMeshClient"/>. Each takes <c>--endpoint</c>
/// (default 127.0.0.1:8033, or $MODELMESH_ENDPOINT), <c>--output table|json</c> and <c>--timeout SECONDS</c>, and
/// exits 0 on success, 1 on a gRPC error (status and message on stderr), 2 on bad usage.
/// </summary>
public static class ClientCommands
{
    /// <summary>
    /// The parser settings the <c>modelmesh</c> executable should parse with: System.CommandLine's response files
    /// are off, because by default any token starting with '@' is replaced by that file's contents, which breaks
    /// <c>modelmesh infer M --input @body.json</c> (the verb reads the file itself). Use as
    /// <c>ModelMeshCommandLine.Build().Parse(args, ClientCommands.ParserConfiguration)</c>.
    /// </summary>
    public static ParserConfiguration ParserConfiguration { get; } = new() { ResponseFileTokenReplacer = null };

    public static IReadOnlyList<Command> Create() =>
    [
        RegisterCommand.Create(),
        UnregisterCommand.Create(),
        StatusCommand.Create(),
        ListCommand.Create(),
        ClusterCommand.Create(),
        InferCommand.Create(),
        VModelCommand.Create(),
    ];

    public static void AddTo(Command root)
    {
        ArgumentNullException.ThrowIfNull(root);
        foreach (var command in Create())
        {
            root.Subcommands.Add(command);
        }
    }
}
