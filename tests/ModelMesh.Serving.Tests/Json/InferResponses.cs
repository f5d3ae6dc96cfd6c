using System.Buffers.Binary;
using System.Text;
using Google.Protobuf;
using ModelMesh.Contracts.Inference;

namespace ModelMesh.Serving.Tests.Json;

/// <summary>Builds <see cref="ModelInferResponse"/> values for the writer tests.</summary>
internal static class InferResponses
{
    public static ModelInferResponse.Types.InferOutputTensor Output(string name, string datatype, params long[] shape)
    {
        var output = new ModelInferResponse.Types.InferOutputTensor { Name = name, Datatype = datatype };
        output.Shape.Add(shape);
        return output;
    }

    /// <summary>A response whose outputs all travel as raw_output_contents.</summary>
    public static ModelInferResponse WithRaw(params (ModelInferResponse.Types.InferOutputTensor Output, byte[] Raw)[] outputs)
    {
        var response = new ModelInferResponse { ModelName = "m" };
        foreach (var (output, raw) in outputs)
        {
            response.Outputs.Add(output);
            response.RawOutputContents.Add(ByteString.CopyFrom(raw));
        }

        return response;
    }

    public static byte[] Floats(params float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        return bytes;
    }

    public static byte[] Int64s(params long[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 8), values[i]);
        }

        return bytes;
    }

    /// <summary>BYTES raw form: per element a 4-byte little-endian length, then the bytes.</summary>
    public static byte[] LengthPrefixed(params byte[][] elements)
    {
        var stream = new MemoryStream();
        foreach (byte[] element in elements)
        {
            var prefix = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(prefix, element.Length);
            stream.Write(prefix);
            stream.Write(element);
        }

        return stream.ToArray();
    }

    public static byte[] LengthPrefixed(params string[] elements) =>
        LengthPrefixed(elements.Select(Encoding.UTF8.GetBytes).ToArray());
}
