using System.Globalization;
using System.Text;
using System.Text.Json;
using Grpc.Core;

namespace ModelMesh.Serving.Json;

/// <summary>Builds the exceptions and message fragments the JSON codecs report.</summary>
internal static class JsonCodecErrors
{
    public static ServingException Invalid(string message) => new(StatusCode.InvalidArgument, message);

    /// <summary>A response that cannot be rendered (inconsistent outputs): the server's fault, not the client's.</summary>
    public static ServingException Internal(string message) => new(StatusCode.Internal, message);

    public static ServingException MalformedJson(Exception inner, string? inputName = null) =>
        new(StatusCode.InvalidArgument, (inputName is null ? string.Empty : $"input '{inputName}': ") + "malformed JSON: " + inner.Message, inner);

    public static string FormatShape(IEnumerable<long> shape)
    {
        var text = new StringBuilder("[");
        foreach (long dim in shape)
        {
            if (text.Length > 1)
            {
                text.Append(',');
            }

            text.Append(dim.ToString(CultureInfo.InvariantCulture));
        }

        return text.Append(']').ToString();
    }

    /// <summary>The current token as it appears in the JSON text (error paths only).</summary>
    public static string TokenText(ref readonly Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => "\"" + Encoding.UTF8.GetString(reader.ValueSpan) + "\"",
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        _ => reader.TokenType.ToString(),
    };
}
