using System.CommandLine;
using ModelMesh.Host.Cli;
using ModelMesh.Host.Cli.ClientCommands;

namespace ModelMesh.Client.Tests;

/// <summary>
/// Runs the real <c>modelmesh</c> command line in-process with stdout and stderr captured, parsed with
/// <see cref="ClientCommands.ParserConfiguration"/> (response files off, so <c>--input @FILE</c> reaches the verb).
/// </summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static async Task<CliRun> InvokeAsync(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exitCode = await ModelMeshCommandLine.Build().Parse(args, ClientCommands.ParserConfiguration).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The run's stdout lines, trailing blanks removed.</summary>
    public string[] Lines => Out.TrimEnd('\n').Split('\n');

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}--- stderr\n{Error}";
}
