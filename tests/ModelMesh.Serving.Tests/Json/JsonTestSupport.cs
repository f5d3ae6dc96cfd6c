using System.Buffers;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using ModelMesh.Serving;

namespace ModelMesh.Serving.Tests.Json;

internal static class JsonTestSupport
{
    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>Runs a writer method and returns the JSON it produced.</summary>
    public static string WriteJson(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Parses the JSON <paramref name="write"/> produced; the caller disposes the document.</summary>
    public static JsonDocument WriteDocument(Action<Utf8JsonWriter> write) => JsonDocument.Parse(WriteJson(write));

    /// <summary>Asserts an INVALID_ARGUMENT <see cref="ServingException"/> whose message contains every fragment.</summary>
    public static ServingException AssertInvalid(Action action, params string[] fragments) =>
        AssertServingError(StatusCode.InvalidArgument, action, fragments);

    public static ServingException AssertServingError(StatusCode code, Action action, params string[] fragments)
    {
        var error = Assert.Throws<ServingException>(action);
        Assert.Equal(code, error.Code);
        foreach (string fragment in fragments)
        {
            Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        }

        return error;
    }
}
