using System.Text;

namespace ModelMesh.Onnx.Tests;

[Collection(OrtCollection.Name)]
public sealed class DatatypesModelTests(OrtRuntimeFixture fixture)
{
    [Fact]
    public void DatatypesAndHalfs_TogetherCoverEveryV2Datatype()
    {
        using var datatypes = fixture.Runtime.CreateSession(SampleModels.Build(SampleModels.Datatypes));
        using var halfs = fixture.Runtime.CreateSession(SampleModels.Build(SampleModels.Halfs));
        var covered = datatypes.Inputs.Concat(halfs.Inputs).Select(i => i.ElementType).Order();
        Assert.Equal(TensorElementTypes.V2Types.Order(), covered);
        Assert.Equal([TensorElementType.Float16, TensorElementType.BFloat16], halfs.Inputs.Select(i => i.ElementType));
    }

    [Theory]
    [InlineData(SampleModels.Datatypes, 5)]
    [InlineData(SampleModels.Datatypes, 1)]
    [InlineData(SampleModels.Datatypes, 0)]
    [InlineData(SampleModels.Halfs, 5)]
    [InlineData(SampleModels.Halfs, 0)]
    public void Run_EveryV2Datatype_RoundTripsBytesExactly(string model, int length)
    {
        using var session = fixture.Runtime.CreateSession(SampleModels.Build(model));
        var random = new Random(length);
        var inputs = new List<OrtInputTensor>();
        var expected = new Dictionary<string, object>();
        foreach (var type in session.Inputs.Select(i => i.ElementType))
        {
            var name = TensorElementTypes.ToV2Datatype(type)!;
            if (type == TensorElementType.String)
            {
                var strings = Enumerable.Range(0, length).Select(i => Encoding.UTF8.GetBytes($"s{i}-{random.Next()}✓")).ToArray();
                inputs.Add(OrtInputTensor.FromStrings(name, [length], strings.Select(s => (ReadOnlyMemory<byte>)s).ToArray()));
                expected[name + "_OUT"] = strings;
                continue;
            }

            var data = new byte[length * TensorElementTypes.SizeOf(type)];
            random.NextBytes(data);
            if (type == TensorElementType.Bool)
            {
                data = data.Select(b => (byte)(b & 1)).ToArray();
            }

            inputs.Add(OrtInputTensor.FromBytes(name, type, [length], data));
            expected[name + "_OUT"] = data;
        }

        var outputs = session.Run(inputs, expected.Keys.ToArray());

        Assert.Equal(expected.Count, outputs.Count);
        foreach (var output in outputs)
        {
            var type = TensorElementTypes.FromV2Datatype(output.Name[..^"_OUT".Length]);
            Assert.Equal(type, output.ElementType);
            Assert.Equal([length], output.Shape);
            if (type == TensorElementType.String)
            {
                Assert.Equal((byte[][])expected[output.Name], output.StringElements!);
            }
            else
            {
                Assert.Equal((byte[])expected[output.Name], output.Data);
            }
        }
    }
}
