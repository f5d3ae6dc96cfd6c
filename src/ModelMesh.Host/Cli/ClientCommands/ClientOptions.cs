using System.CommandLine;

namespace ModelMesh.Host.Cli.ClientCommands;

/// <summary>The options every client verb takes: where the front door is, how to print, how long to wait.</summary>
internal sealed class ClientOptions
{
    public const string DefaultEndpoint = "127.0.0.1:8033";

    public Option<string> Endpoint { get; } = new("--endpoint", "-e")
    {
        Description = "Front door gRPC endpoint: host:port or http(s)://host:port",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MODELMESH_ENDPOINT") is { Length: > 0 } fromEnv ? fromEnv : DefaultEndpoint,
        HelpName = "HOST:PORT",
    };

    public Option<string> Output { get; } = CreateOutput();

    public Option<double> TimeoutSeconds { get; } = new("--timeout")
    {
        Description = "Deadline of the call, in seconds",
        DefaultValueFactory = _ => 30,
        HelpName = "SECONDS",
    };

    /// <summary>The parsed <c>--output</c> (its values are restricted to table and json at parse time).</summary>
    public OutputFormat GetOutput(ParseResult parse) =>
        string.Equals(parse.GetValue(Output), "json", StringComparison.OrdinalIgnoreCase) ? OutputFormat.Json : OutputFormat.Table;

    public static ClientOptions AddTo(Command command)
    {
        var options = new ClientOptions();
        command.Options.Add(options.Endpoint);
        command.Options.Add(options.Output);
        command.Options.Add(options.TimeoutSeconds);
        return options;
    }

    private static Option<string> CreateOutput()
    {
        var output = new Option<string>("--output", "-o") { Description = "Output format", DefaultValueFactory = _ => "table" };
        output.AcceptOnlyFromAmong("table", "json");
        return output;
    }
}
