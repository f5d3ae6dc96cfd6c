using System.CommandLine;
using ModelMesh.Host.Roles;

namespace ModelMesh.Host.Cli;

/// <summary><c>--otlp-endpoint</c>: turns tracing on (OTLP/HTTP protobuf); OTEL_EXPORTER_OTLP_ENDPOINT does the same when the flag is absent.</summary>
public static class TracingOptions
{
    /// <summary>Creates the option and adds it to <paramref name="command"/>.</summary>
    public static Option<Uri?> Add(Command command)
    {
        var option = new Option<Uri?>("--otlp-endpoint")
        {
            Description = $"Export traces over OTLP/HTTP protobuf to this endpoint, e.g. http://localhost:4318 (default: {Tracing.EndpointVariable}, else off)",
            HelpName = "URL",
        };
        command.Options.Add(option);
        return option;
    }

    /// <summary>The endpoint to export to, or null (tracing off).</summary>
    public static Uri? Endpoint(ParseResult parse, Option<Uri?> option) => Tracing.ResolveEndpoint(parse.GetValue(option));
}
