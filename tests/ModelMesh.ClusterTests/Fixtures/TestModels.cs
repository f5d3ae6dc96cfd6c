using System.Buffers.Binary;
using Google.Protobuf;
using ModelMesh.Contracts.Inference;
using ModelMesh.Onnx;
using ModelMesh.Onnx.Authoring;

namespace ModelMesh.ClusterTests.Fixtures;

/// <summary>
/// Model files in a temp dir (deleted on dispose) and requests whose answers the test computes itself:
/// the sample models, and "lookup" models of a chosen size (y = W[idx], W[j] = index * 1000 + j % 1000).
/// </summary>
internal sealed class TestModels : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("mm-cluster-models-").FullName;

    /// <summary>Writes the sample models (DIR/&lt;name&gt;/1/model.onnx).</summary>
    public void WriteSamples() => SampleModels.WriteAll(Directory);

    public string SamplePath(string name) => Path.Combine(Directory, name, "1", "model.onnx");

    /// <summary>Writes a lookup model whose weights take <paramref name="weightBytes"/> bytes; returns its path.</summary>
    public string WriteLookupModel(int index, long weightBytes)
    {
        var count = (int)(weightBytes / sizeof(float));
        var weights = new float[count];
        for (var j = 0; j < count; j++)
        {
            weights[j] = LookupValue(index, j);
        }

        var path = Path.Combine(Directory, $"lookup-{index}", "model.onnx");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        new OnnxModelBuilder($"lookup{index}")
            .AddInput("idx", TensorElementType.Int64, 1)
            .AddOutput("y", TensorElementType.Float, 1)
            .AddInitializer("W", weights, count)
            .AddNode("Gather", ["W", "idx"], ["y"], OnnxAttribute.Int("axis", 0))
            .Save(path);
        return path;
    }

    public static float LookupValue(int index, long j) => (index * 1000) + (j % 1000);

    public static ModelInferRequest LookupRequest(string modelId, long idx)
    {
        var request = new ModelInferRequest { ModelName = modelId };
        request.Inputs.Add(new ModelInferRequest.Types.InferInputTensor { Name = "idx", Datatype = "INT64", Shape = { 1 } });
        var raw = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(raw, idx);
        request.RawInputContents.Add(ByteString.CopyFrom(raw));
        return request;
    }

    public static float LookupAnswer(ModelInferResponse response) => BinaryPrimitives.ReadSingleLittleEndian(response.RawOutputContents[0].Span);

    /// <summary>A request for <c>simple</c> (or a copy of it): INPUT0 = seed..seed+15, INPUT1 = 1..16.</summary>
    public static ModelInferRequest SimpleRequest(string modelId, int seed)
    {
        var request = new ModelInferRequest { ModelName = modelId };
        foreach (var name in new[] { "INPUT0", "INPUT1" })
        {
            request.Inputs.Add(new ModelInferRequest.Types.InferInputTensor { Name = name, Datatype = "INT32", Shape = { 1, 16 } });
        }

        request.RawInputContents.Add(Int32s(Enumerable.Range(seed, 16)));
        request.RawInputContents.Add(Int32s(Enumerable.Range(1, 16)));
        return request;
    }

    /// <summary>Null when the response holds seed+i+(i+1) and seed+i-(i+1), else what is wrong.</summary>
    public static string? CheckSimple(ModelInferResponse response, int seed)
    {
        if (response.RawOutputContents.Count != 2)
        {
            return $"expected 2 raw outputs, got {response.RawOutputContents.Count}";
        }

        var byName = response.Outputs.Select((o, i) => (o.Name, Data: response.RawOutputContents[i])).ToDictionary(x => x.Name, x => x.Data);
        for (var i = 0; i < 16; i++)
        {
            var sum = BinaryPrimitives.ReadInt32LittleEndian(byName["OUTPUT0"].Span[(i * 4)..]);
            var difference = BinaryPrimitives.ReadInt32LittleEndian(byName["OUTPUT1"].Span[(i * 4)..]);
            if (sum != seed + i + i + 1 || difference != seed - 1)
            {
                return $"element {i}: sum {sum} (want {seed + i + i + 1}), difference {difference} (want {seed - 1})";
            }
        }

        return null;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static ByteString Int32s(IEnumerable<int> values)
    {
        var list = values.ToList();
        var bytes = new byte[list.Count * 4];
        for (var i = 0; i < list.Count; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), list[i]);
        }

        return ByteString.CopyFrom(bytes);
    }
}
