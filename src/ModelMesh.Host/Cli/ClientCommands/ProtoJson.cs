using Google.Protobuf;

namespace ModelMesh.Host.Cli.ClientCommands;

/// <summary>
/// <c>--output json</c> for management replies: the proto3 JSON mapping with the .proto's field names
/// (snake_case, as in the V2 REST bodies), enums by name, default values included, indented.
/// int64 fields are JSON strings, as that mapping prescribes.
/// </summary>
internal static class ProtoJson
{
    private static readonly JsonFormatter Formatter = new(
        JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true).WithFormatDefaultValues(true).WithIndentation());

    public static Task WriteAsync(TextWriter writer, IMessage message) => writer.WriteLineAsync(Formatter.Format(message));
}
