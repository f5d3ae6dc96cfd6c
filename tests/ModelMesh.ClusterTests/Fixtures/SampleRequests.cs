using System.Buffers.Binary;
using System.Text;
using Google.Protobuf;
using ModelMesh.Contracts.Inference;
using ModelMesh.Onnx;

namespace ModelMesh.ClusterTests.Fixtures;

/// <summary>A request for each sample model, and a check of its answer computed here (not by ORT).</summary>
internal static class SampleRequests
{
    public static ModelInferRequest For(string model) => model switch
    {
        SampleModels.Simple => TestModels.SimpleRequest(model, 100),
        SampleModels.Mlp => Request(model, ("input", "FP32", [1, 4], Floats(1f, 2f, 3f, 4f))),
        SampleModels.Strings => Request(model, ("TEXT", "BYTES", [2], Strings("hello", "Mesh-1"))),
        SampleModels.Fp16 => Request(model, ("x", "FP16", [1, 8], Halfs(Enumerable.Repeat((Half)1, 8)))),
        SampleModels.Conv => Request(model, ("image", "FP32", [1, 3, 64, 64], Floats(Enumerable.Range(0, 3 * 64 * 64).Select(i => (i % 17) / 17f).ToArray()))),
        _ => throw new ArgumentException(model),
    };

    /// <summary>For the identity models (datatypes, halfs): every input the metadata names, two elements each.</summary>
    public static ModelInferRequest ForIdentities(string model, ModelMetadataResponse metadata) =>
        Request(model, metadata.Inputs.Select(input => (input.Name, input.Datatype, new long[] { 2 }, TwoElements(input.Datatype))).ToArray());

    private static ByteString TwoElements(string datatype) => datatype switch
    {
        "BYTES" => Strings("a", "bc"),
        "BOOL" => ByteString.CopyFrom(1, 0),
        "INT32" => Int32s(7, -8),
        "FP64" => Doubles(1.5, -2.25),
        "FP32" => Floats(0.25f, -4f),
        "FP16" => Halfs([(Half)0.5, (Half)(-3)]),
        _ => ByteString.CopyFrom(Enumerable.Range(1, 2 * ElementSize(datatype)).Select(i => (byte)i).ToArray()),
    };

    private static int ElementSize(string datatype) => datatype switch
    {
        "INT8" or "UINT8" => 1,
        "INT16" or "UINT16" or "BF16" => 2,
        "INT64" or "UINT64" => 8,
        _ => 4,
    };

    /// <summary>Null when right, else what is wrong.</summary>
    public static string? Check(string model, ModelInferRequest request, ModelInferResponse response)
    {
        var outputs = response.Outputs.Select((o, i) => (o.Name, Data: response.RawOutputContents[i].ToByteArray())).ToDictionary(x => x.Name, x => x.Data);
        switch (model)
        {
            case SampleModels.Simple:
                return TestModels.CheckSimple(response, 100);
            case SampleModels.Mlp:
                var p = ReadFloats(outputs["probabilities"]);
                return p.Length == 3 && Math.Abs(p.Sum() - 1) < 1e-4 && p.All(x => x > 0) ? null : $"probabilities {string.Join(",", p)}";
            case SampleModels.Strings:
                var upper = ReadStrings(outputs["UPPER"]);
                return upper.SequenceEqual(["HELLO", "MESH-1"]) ? null : $"UPPER = {string.Join(",", upper)}";
            case SampleModels.Fp16:
                var y = outputs["y"];
                return Enumerable.Range(0, 8).All(i => BinaryPrimitives.ReadHalfLittleEndian(y.AsSpan(i * 2)) == (Half)3) ? null : "y != 3";
            case SampleModels.Conv:
                var logits = ReadFloats(outputs["logits"]);
                return logits.Length == 10 && logits.All(float.IsFinite) ? null : $"logits {string.Join(",", logits)}";
            default: // identities
                foreach (var (input, i) in request.Inputs.Select((t, i) => (t, i)))
                {
                    if (!outputs.TryGetValue(input.Name + "_OUT", out var data) || !data.AsSpan().SequenceEqual(request.RawInputContents[i].Span))
                    {
                        return $"{input.Name}_OUT is not the input";
                    }
                }

                return null;
        }
    }

    private static ModelInferRequest Request(string model, params (string Name, string Datatype, long[] Shape, ByteString Raw)[] inputs)
    {
        var request = new ModelInferRequest { ModelName = model };
        foreach (var (name, datatype, shape, raw) in inputs)
        {
            request.Inputs.Add(new ModelInferRequest.Types.InferInputTensor { Name = name, Datatype = datatype, Shape = { shape } });
            request.RawInputContents.Add(raw);
        }

        return request;
    }

    private static ByteString Floats(params float[] values) => Encode(values.Length * 4, (span, i) => BinaryPrimitives.WriteSingleLittleEndian(span[(i * 4)..], values[i]), values.Length);

    private static ByteString Doubles(params double[] values) => Encode(values.Length * 8, (span, i) => BinaryPrimitives.WriteDoubleLittleEndian(span[(i * 8)..], values[i]), values.Length);

    private static ByteString Int32s(params int[] values) => Encode(values.Length * 4, (span, i) => BinaryPrimitives.WriteInt32LittleEndian(span[(i * 4)..], values[i]), values.Length);

    private static ByteString Halfs(IEnumerable<Half> values)
    {
        var list = values.ToArray();
        return Encode(list.Length * 2, (span, i) => BinaryPrimitives.WriteHalfLittleEndian(span[(i * 2)..], list[i]), list.Length);
    }

    private static ByteString Strings(params string[] values)
    {
        var stream = new MemoryStream();
        foreach (var value in values)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            var length = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)bytes.Length);
            stream.Write(length);
            stream.Write(bytes);
        }

        return ByteString.CopyFrom(stream.ToArray());
    }

    private static ByteString Encode(int size, SpanWriter write, int count)
    {
        var bytes = new byte[size];
        for (var i = 0; i < count; i++)
        {
            write(bytes, i);
        }

        return ByteString.CopyFrom(bytes);
    }

    private delegate void SpanWriter(Span<byte> span, int index);

    private static float[] ReadFloats(byte[] data) => Enumerable.Range(0, data.Length / 4).Select(i => BinaryPrimitives.ReadSingleLittleEndian(data.AsSpan(i * 4))).ToArray();

    private static List<string> ReadStrings(byte[] data)
    {
        var strings = new List<string>();
        for (var offset = 0; offset + 4 <= data.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset));
            strings.Add(Encoding.UTF8.GetString(data, offset + 4, length));
            offset += 4 + length;
        }

        return strings;
    }
}
