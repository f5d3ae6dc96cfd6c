namespace ModelMesh.Onnx.Tests;

[Collection(OrtCollection.Name)]
public sealed class SampleModelsTests(OrtRuntimeFixture fixture)
{
    public static TheoryData<string, string, string> Signatures => new()
    {
        { SampleModels.Mlp, "input:Float[-1,4]", "probabilities:Float[-1,3]" },
        { SampleModels.Simple, "INPUT0:Int32[-1,16] INPUT1:Int32[-1,16]", "OUTPUT0:Int32[-1,16] OUTPUT1:Int32[-1,16]" },
        { SampleModels.Strings, "TEXT:String[-1]", "UPPER:String[-1]" },
        { SampleModels.Fp16, "x:Float16[-1,8]", "y:Float16[-1,8]" },
        { SampleModels.Conv, "image:Float[-1,3,64,64]", "logits:Float[-1,10]" },
    };

    [Theory]
    [MemberData(nameof(Signatures))]
    public void CreateSession_SampleModel_ReportsNamesTypesAndSymbolicShapes(string name, string inputs, string outputs)
    {
        using var session = fixture.Runtime.CreateSession(SampleModels.Build(name));
        Assert.Equal(inputs, Describe(session.Inputs));
        Assert.Equal(outputs, Describe(session.Outputs));
    }

    [Fact]
    public void CreateSession_DatatypesModel_HasOneInputAndOutputPerTypedV2Datatype()
    {
        using var session = fixture.Runtime.CreateSession(SampleModels.Build(SampleModels.Datatypes));
        var expected = TensorElementTypes.V2Types
            .Where(t => t is not (TensorElementType.Float16 or TensorElementType.BFloat16))
            .Select(t => $"{TensorElementTypes.ToV2Datatype(t)}:{t}[-1]");
        Assert.Equal(string.Join(" ", expected), Describe(session.Inputs));
        Assert.Equal(string.Join(" ", expected.Select(e => e.Replace(":", "_OUT:", StringComparison.Ordinal))), Describe(session.Outputs));
    }

    [Fact]
    public void WriteAll_EmptyDirectory_WritesLoadableRepositoryLayout()
    {
        var directory = Directory.CreateTempSubdirectory("modelmesh-samples-").FullName;
        try
        {
            SampleModels.WriteAll(directory);
            foreach (var name in SampleModels.Names)
            {
                var path = Path.Combine(directory, name, "1", "model.onnx");
                using var session = fixture.Runtime.CreateSession(path);
                Assert.NotEmpty(session.Outputs);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Build_SameNameTwice_ReturnsIdenticalBytes()
    {
        foreach (var name in SampleModels.Names)
        {
            Assert.Equal(SampleModels.Build(name), SampleModels.Build(name));
        }
    }

    [Fact]
    public void Build_UnknownName_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => SampleModels.Build("resnet"));

    [Fact]
    public void Names_Always_ListsTheSixSamples() =>
        Assert.Equal(["mlp", "simple", "strings", "fp16", "conv", "datatypes", "halfs"], SampleModels.Names);

    private static string Describe(IReadOnlyList<OrtTensorInfo> tensors) =>
        string.Join(" ", tensors.Select(t => $"{t.Name}:{t.ElementType}[{string.Join(",", t.Shape)}]"));
}
