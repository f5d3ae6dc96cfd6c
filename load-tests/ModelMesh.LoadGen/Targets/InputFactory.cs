using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using ModelMesh.Contracts.Inference;

namespace ModelMesh.LoadGen.Targets;

/// <summary>
/// Builds a request for a model from its V2 metadata: every input with its declared datatype and shape (-1 becomes 1),
/// seeded random values (floats in [-1, 1), integers in [0, 10), BYTES as short words), sent as raw_input_contents
/// over gRPC and as JSON data over REST.
/// </summary>
public static class InputFactory
{
    public static PreparedInput Create(string model, ModelMetadataResponse metadata, int seed)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var random = new Random(seed);
        var request = new ModelInferRequest { ModelName = model, Id = "loadgen" };
        using var json = new MemoryStream();
        long inputBytes = 0;
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("inputs");
            foreach (var input in metadata.Inputs)
            {
                var shape = input.Shape.Select(d => d < 0 ? 1 : d).ToArray();
                var count = shape.Aggregate(1L, (a, b) => a * b);
                var raw = Encode(input.Datatype, count, random, writer, input.Name, shape);
                inputBytes += raw.Length;
                var tensor = new ModelInferRequest.Types.InferInputTensor { Name = input.Name, Datatype = input.Datatype };
                tensor.Shape.AddRange(shape);
                request.Inputs.Add(tensor);
                request.RawInputContents.Add(ByteString.CopyFrom(raw));
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return new PreparedInput(model, request, request.ToByteArray(), json.ToArray(), inputBytes);
    }

    private static byte[] Encode(string datatype, long count, Random random, Utf8JsonWriter json, string name, long[] shape)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteStartArray("shape");
        foreach (var d in shape)
        {
            json.WriteNumberValue(d);
        }

        json.WriteEndArray();
        json.WriteString("datatype", datatype);
        json.WritePropertyName("data");
        json.WriteStartArray();
        using var raw = new MemoryStream();
        Span<byte> buffer = stackalloc byte[8];
        for (long i = 0; i < count; i++)
        {
            switch (datatype)
            {
                case "FP32":
                    var f = (float)((random.NextDouble() * 2) - 1);
                    BinaryPrimitives.WriteSingleLittleEndian(buffer, f);
                    raw.Write(buffer[..4]);
                    json.WriteNumberValue(f);
                    break;
                case "FP64":
                    var d = (random.NextDouble() * 2) - 1;
                    BinaryPrimitives.WriteDoubleLittleEndian(buffer, d);
                    raw.Write(buffer[..8]);
                    json.WriteNumberValue(d);
                    break;
                case "FP16":
                    var h = (Half)((random.NextDouble() * 2) - 1);
                    BinaryPrimitives.WriteHalfLittleEndian(buffer, h);
                    raw.Write(buffer[..2]);
                    json.WriteNumberValue((float)h);
                    break;
                case "BF16":
                    var b = (float)((random.NextDouble() * 2) - 1);
                    var bits = (ushort)(BitConverter.SingleToUInt32Bits(b) >> 16);
                    BinaryPrimitives.WriteUInt16LittleEndian(buffer, bits);
                    raw.Write(buffer[..2]);
                    json.WriteNumberValue(BitConverter.UInt32BitsToSingle((uint)bits << 16));
                    break;
                case "BOOL":
                    var flag = random.Next(2) == 1;
                    raw.WriteByte(flag ? (byte)1 : (byte)0);
                    json.WriteBooleanValue(flag);
                    break;
                case "BYTES":
                    var word = Encoding.UTF8.GetBytes("w" + random.Next(1000).ToString(CultureInfo.InvariantCulture));
                    BinaryPrimitives.WriteInt32LittleEndian(buffer, word.Length);
                    raw.Write(buffer[..4]);
                    raw.Write(word);
                    json.WriteStringValue(word);
                    break;
                default:
                    var v = random.Next(10);
                    var size = IntegerSize(datatype);
                    BinaryPrimitives.WriteInt64LittleEndian(buffer, v);
                    raw.Write(buffer[..size]);
                    json.WriteNumberValue(v);
                    break;
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        return raw.ToArray();
    }

    private static int IntegerSize(string datatype) => datatype switch
    {
        "INT8" or "UINT8" => 1,
        "INT16" or "UINT16" => 2,
        "INT32" or "UINT32" => 4,
        "INT64" or "UINT64" => 8,
        _ => throw new NotSupportedException($"Datatype {datatype} is not supported by the load generator."),
    };
}
