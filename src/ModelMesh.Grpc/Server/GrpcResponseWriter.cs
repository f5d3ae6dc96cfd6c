using System.Buffers;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ModelMesh.Grpc;

/// <summary>
/// Writes the parts of a gRPC response on Kestrel: one length-prefixed message, then the status — in the
/// trailers when the response has started, otherwise as a Trailers-Only response (status in the headers).
/// </summary>
internal static class GrpcResponseWriter
{
    private static readonly string[] StatusStrings = CreateStatusStrings();

    public static async ValueTask WriteMessageAsync(HttpResponse response, ReadOnlyMemory<byte> payload, bool compressed)
    {
        var writer = response.BodyWriter;
        var prefix = writer.GetSpan(LengthPrefix.Size);
        LengthPrefix.Write(prefix, compressed, payload.Length);
        writer.Advance(LengthPrefix.Size);
        writer.Write(payload.Span);
        await writer.FlushAsync().ConfigureAwait(false);
    }

    public static void WriteStatus(HttpResponse response, Status status, Metadata? trailers, Metadata? moreTrailers)
    {
        if (!response.HasStarted)
        {
            var headers = response.Headers;
            headers[GrpcHeaderNames.Status] = StatusString(status.StatusCode);
            if (!string.IsNullOrEmpty(status.Detail))
            {
                headers[GrpcHeaderNames.Message] = PercentEncoding.Encode(status.Detail);
            }

            AppendMetadata(trailers, headers.Append);
            AppendMetadata(moreTrailers, headers.Append);
            return;
        }

        if (!response.SupportsTrailers())
        {
            return;
        }

        response.AppendTrailer(GrpcHeaderNames.Status, StatusString(status.StatusCode));
        if (!string.IsNullOrEmpty(status.Detail))
        {
            response.AppendTrailer(GrpcHeaderNames.Message, PercentEncoding.Encode(status.Detail));
        }

        AppendMetadata(trailers, (key, value) => response.AppendTrailer(key, value));
        AppendMetadata(moreTrailers, (key, value) => response.AppendTrailer(key, value));
    }

    private static void AppendMetadata(Metadata? metadata, Action<string, Microsoft.Extensions.Primitives.StringValues> append)
    {
        if (metadata is null)
        {
            return;
        }

        foreach (var entry in metadata)
        {
            append(entry.Key, MetadataHeaderCodec.EncodeValue(entry));
        }
    }

    private static string StatusString(StatusCode code)
    {
        var index = (int)code;
        return (uint)index < (uint)StatusStrings.Length ? StatusStrings[index] : index.ToString(CultureInfo.InvariantCulture);
    }

    private static string[] CreateStatusStrings()
    {
        var strings = new string[17];
        for (var i = 0; i < strings.Length; i++)
        {
            strings[i] = i.ToString(CultureInfo.InvariantCulture);
        }

        return strings;
    }
}
