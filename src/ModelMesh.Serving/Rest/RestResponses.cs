using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ModelMesh.Serving.Rest;

/// <summary>Writes JSON bodies and <c>{"error": "..."}</c> errors for the REST endpoints, and reads request bodies under a size limit.</summary>
public static class RestResponses
{
    public static async Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext context, int status, string message) =>
        WriteJsonAsync(context, status, w =>
        {
            w.WriteStartObject();
            w.WriteString("error", message);
            w.WriteEndObject();
        });

    /// <summary>Reads the whole body; over <paramref name="maxBytes"/> is a 413 with a clear message.</summary>
    public static async Task<byte[]> ReadBodyAsync(HttpContext context, long maxBytes)
    {
        if (context.Request.ContentLength is { } declared && declared > maxBytes)
        {
            throw new ServingException(global::Grpc.Core.StatusCode.ResourceExhausted,
                $"request body of {declared} bytes exceeds the limit of {maxBytes} bytes");
        }

        using var stream = new MemoryStream(context.Request.ContentLength is { } n ? (int)n : 4096);
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (stream.Length + read > maxBytes)
                {
                    throw new ServingException(global::Grpc.Core.StatusCode.ResourceExhausted,
                        $"request body exceeds the limit of {maxBytes} bytes");
                }

                stream.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return stream.Length == stream.Capacity ? stream.GetBuffer() : stream.ToArray();
    }
}
