using System.CommandLine;
using ModelMesh.Client;

namespace ModelMesh.Host.Cli.ClientCommands;

/// <summary>What a client verb's handler gets: its parsed command line, a connected client and where to print.</summary>
internal sealed class ClientInvocation(ParseResult parse, ModelMeshClient client, OutputFormat format, TimeSpan timeout, CancellationToken cancellationToken)
{
    public ParseResult Parse { get; } = parse;

    public ModelMeshClient Client { get; } = client;

    public OutputFormat Format { get; } = format;

    /// <summary>The deadline budget of each call.</summary>
    public TimeSpan Timeout { get; } = timeout;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public TextWriter Out => Parse.InvocationConfiguration.Output;

    public TextWriter Error => Parse.InvocationConfiguration.Error;

    public T GetRequired<T>(Argument<T> argument) =>
        Parse.GetValue(argument) ?? throw new UsageException($"Missing {argument.Name}.");

    public T GetRequired<T>(Option<T> option) =>
        Parse.GetValue(option) ?? throw new UsageException($"Missing {option.Name}.");
}
