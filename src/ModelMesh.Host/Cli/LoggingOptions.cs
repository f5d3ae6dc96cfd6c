using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelMesh.FrontDoor;

namespace ModelMesh.Host.Cli;

/// <summary>
/// <c>--log-format text|json</c> and <c>--access-log</c>, shared by <c>dev</c>, <c>silo</c> and <c>frontdoor</c>. JSON is one
/// object per line on stdout with scopes (RequestId, TraceId of the request being served).
/// </summary>
public sealed class LoggingOptions
{
    private readonly Option<string> _format = new Option<string>("--log-format")
    {
        Description = "Console log format: text, or json (one JSON object a line, with RequestId and TraceId scopes)",
        DefaultValueFactory = _ => "text",
    }.AcceptOnlyFromAmong("text", "json");

    private readonly Option<bool> _accessLog = new("--access-log")
    {
        Description = "Log one line per inference request: at the front door (dev, frontdoor) model, protocol, status sent "
            + "(gRPC code or HTTP status), latency, silo, attempts; on a silo model, status, latency, load-if-absent, waited for a load",
    };

    /// <summary>Creates the options and adds them to <paramref name="command"/>.</summary>
    public static LoggingOptions AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var options = new LoggingOptions();
        command.Options.Add(options._format);
        command.Options.Add(options._accessLog);
        return options;
    }

    /// <summary>
    /// The hosts' logging set-up for the parsed options (null: the default text console). It also carries
    /// <c>--access-log</c> to the front door's <see cref="FrontDoorOptions.AccessLog"/> through the host's services.
    /// </summary>
    public Action<ILoggingBuilder>? Logging(ParseResult parse) => Configure(parse.GetValue(_format), parse.GetValue(_accessLog));

    /// <summary>Whether <c>--access-log</c> was given (a silo takes it into <c>SiloOptions.AccessLog</c>).</summary>
    public bool AccessLog(ParseResult parse) => parse.GetValue(_accessLog);

    public static Action<ILoggingBuilder>? Configure(string? format, bool accessLog)
    {
        var json = format == "json";
        if (!json && !accessLog)
        {
            return null;
        }

        return builder =>
        {
            if (json)
            {
                UseJson(builder);
            }

            if (accessLog)
            {
                builder.Services.Configure<FrontDoorOptions>(o => o.AccessLog = true);
            }
        };
    }

    private static void UseJson(ILoggingBuilder builder)
    {
        builder.ClearProviders();
        builder.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            o.JsonWriterOptions = new JsonWriterOptions { Indented = false };
        });
    }
}
