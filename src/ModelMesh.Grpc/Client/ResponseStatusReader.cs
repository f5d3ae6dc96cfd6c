using System.Globalization;
using System.Net.Http.Headers;

namespace ModelMesh.Grpc;

/// <summary>Reads grpc-status / grpc-message and custom metadata from response headers or trailers.</summary>
internal static class ResponseStatusReader
{
    public static bool TryReadStatus(HttpHeaders headers, out Status status)
    {
        var fields = headers.NonValidated;
        if (!fields.TryGetValues(GrpcHeaderNames.Status, out var codes))
        {
            status = default;
            return false;
        }

        var codeText = codes.ToString();
        var code = int.TryParse(codeText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? (StatusCode)parsed : StatusCode.Unknown;
        var detail = fields.TryGetValues(GrpcHeaderNames.Message, out var messages) ? PercentEncoding.Decode(messages.ToString()) : string.Empty;
        status = new Status(code, detail);
        return true;
    }

    public static Metadata ReadMetadata(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var header in headers.NonValidated)
        {
            if (MetadataHeaderCodec.IsReserved(header.Key, keepEncodingHeaders: true))
            {
                continue;
            }

            foreach (var value in header.Value)
            {
                MetadataHeaderCodec.AddReceived(metadata, header.Key, value);
            }
        }

        return metadata;
    }
}
