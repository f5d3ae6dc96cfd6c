using System.CommandLine;
using System.CommandLine.Invocation;
using System.Globalization;
using ModelMesh.Client;
using Grpc.Core;
using ModelMesh.Serving;

namespace ModelMesh.Host.Cli.ClientCommands;

/// <summary>
/// Runs one client verb with the CLI's exit-code contract: 0 on success; 1 when the server answers with a gRPC
/// error (status and message on stderr); 2 on bad usage. It takes over parse errors from System.CommandLine
/// (whose own parse-error action exits 1) so that a missing argument or an unknown option also exits 2.
/// </summary>
internal sealed class ClientCommandAction(ClientOptions options, Func<ClientInvocation, Task<int>> handler) : AsynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken = default)
    {
        var error = parseResult.InvocationConfiguration.Error;
        if (parseResult.Errors.Count > 0 || parseResult.UnmatchedTokens.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                await error.WriteLineAsync("error: " + parseError.Message);
            }

            // Unmatched tokens of this command lost their errors to ClearsParseErrors; those of parent commands kept them.
            foreach (var token in parseResult.UnmatchedTokens.Where(t => !parseResult.Errors.Any(e => e.Message.Contains($"'{t}'", StringComparison.Ordinal))))
            {
                await error.WriteLineAsync($"error: unrecognized argument '{token}'");
            }

            return await UsageHintAsync(parseResult);
        }

        try
        {
            var seconds = parseResult.GetValue(options.TimeoutSeconds);
            if (!(seconds > 0) || double.IsInfinity(seconds))
            {
                throw new UsageException($"--timeout must be a positive number of seconds, not {seconds.ToString(CultureInfo.InvariantCulture)}.");
            }

            using var client = ModelMeshClient.Connect(parseResult.GetValue(options.Endpoint) ?? ClientOptions.DefaultEndpoint);
            var invocation = new ClientInvocation(parseResult, client, options.GetOutput(parseResult), TimeSpan.FromSeconds(seconds), cancellationToken);
            return await handler(invocation);
        }
        catch (RpcException e)
        {
            await error.WriteLineAsync($"error: {StatusNames.Of(e.StatusCode)}: {Describe(e)}");
            return ExitCodes.RpcError;
        }
        catch (Exception e) when (e is UsageException or FormatException or ServingException)
        {
            await error.WriteLineAsync("error: " + e.Message);
            return await UsageHintAsync(parseResult);
        }
    }

    private static string Describe(RpcException e) => e.StatusCode switch
    {
        _ when e.Status.Detail.Length > 0 => e.Status.Detail,
        StatusCode.Unavailable => "the front door cannot be reached",
        StatusCode.DeadlineExceeded => "the call did not finish before its deadline (see --timeout)",
        _ => "(no message)",
    };

    private static async Task<int> UsageHintAsync(ParseResult parseResult)
    {
        var path = new List<string>();
        for (var result = parseResult.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            path.Insert(0, result.Command is RootCommand ? "modelmesh" : result.Command.Name);
        }

        await parseResult.InvocationConfiguration.Error.WriteLineAsync($"Run '{string.Join(' ', path)} --help' for usage.");
        return ExitCodes.Usage;
    }
}
