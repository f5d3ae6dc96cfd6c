using Google.Protobuf;

namespace ModelMesh.Host.Cli.ClientCommands;

/// <summary>
/// <c>--output json</c> for management replies: the canonical proto3 JSON mapping (lowerCamelCase names, the
/// same as the management REST API's: modelId, sizeBytes...), enums by name, default values included, indented.
/// int64 fields are JSON strings, as that mapping prescribes.
/// </summary>
internal static class ProtoJson
{
    private static readonly JsonFormatter Formatter = new(
        JsonFormatter.Settings.Default.WithFormatDefaultValues(true).WithIndentation());

    public static Task WriteAsync(TextWriter writer, IMessage message) => writer.WriteLineAsync(Formatter.Format(message));
}
