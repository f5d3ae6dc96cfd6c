using System.CommandLine;
using System.CommandLine.Invocation;

namespace ModelMesh.Host.Cli.ClientCommands;

/// <summary>The action of a command group such as <c>vmodel</c> run without a subcommand: a usage error (exit 2).</summary>
internal sealed class MissingSubcommandAction : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        var command = parseResult.CommandResult.Command;
        var error = parseResult.InvocationConfiguration.Error;
        var choices = string.Join(", ", command.Subcommands.Select(c => c.Name));
        var token = parseResult.UnmatchedTokens.Count > 0 ? parseResult.UnmatchedTokens[0] : null;
        error.WriteLine(token switch
        {
            null => $"error: '{command.Name}' needs a subcommand: {choices}",
            _ when token.StartsWith('-') => $"error: '{command.Name}' takes no option '{token}' before its subcommand: {choices}",
            _ => $"error: unknown subcommand '{token}' of '{command.Name}'; expected one of: {choices}",
        });
        error.WriteLine($"Run 'modelmesh {command.Name} --help' for usage.");
        return ExitCodes.Usage;
    }
}
