using System.Text;
using ModelMesh.Serving;

namespace ModelMesh.FrontDoor.Grpc;

/// <summary>
/// Reads only model_name (field 1) and model_version (field 2) of a serialized ModelInferRequest, skipping
/// every other field by its wire type without decoding or copying it: the tensors are forwarded as they arrived.
/// </summary>
public static class InferRequestPeek
{
    public static (string ModelName, string ModelVersion) Read(ReadOnlySpan<byte> message)
    {
        var (name, version, _) = Scan(message, readId: false);
        return (name, version);
    }

    /// <summary>The request's id (field 3; empty when the client sent none), for the access log's RequestId.</summary>
    public static string ReadId(ReadOnlySpan<byte> message) => Scan(message, readId: true).Id;

    private static (string ModelName, string ModelVersion, string Id) Scan(ReadOnlySpan<byte> message, bool readId)
    {
        string name = "", version = "", id = "";
        var offset = 0;
        while (offset < message.Length)
        {
            var tag = ReadVarint(message, ref offset);
            var field = tag >> 3;
            switch ((int)(tag & 7))
            {
                case 0:
                    ReadVarint(message, ref offset);
                    break;
                case 1:
                    offset = Advance(message, offset, 8);
                    break;
                case 5:
                    offset = Advance(message, offset, 4);
                    break;
                case 2:
                    var length = ReadVarint(message, ref offset);
                    if (length > (ulong)(message.Length - offset))
                    {
                        throw Invalid("a length-delimited field runs past the end of the message");
                    }

                    var payload = message.Slice(offset, (int)length);
                    if (field == 1)
                    {
                        name = Encoding.UTF8.GetString(payload);
                    }
                    else if (field == 2)
                    {
                        version = Encoding.UTF8.GetString(payload);
                    }
                    else if (field == 3 && readId)
                    {
                        id = Encoding.UTF8.GetString(payload);
                    }

                    offset += (int)length;
                    break;
                default:
                    throw Invalid($"unsupported wire type {tag & 7}");
            }
        }

        return (name, version, id);
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> message, ref int offset)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (offset >= message.Length)
            {
                throw Invalid("truncated varint");
            }

            var b = message[offset++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw Invalid("varint longer than 10 bytes");
    }

    private static int Advance(ReadOnlySpan<byte> message, int offset, int count) =>
        message.Length - offset >= count ? offset + count : throw Invalid("truncated fixed-size field");

    private static ServingException Invalid(string why) =>
        ServingException.InvalidArgument("ModelInferRequest is not a valid protobuf message: " + why);
}
