using System.Text;

namespace ModelMesh.Onnx.Tests;

[Collection(OrtCollection.Name)]
public sealed class StringsModelTests(OrtRuntimeFixture fixture)
{
    [Fact]
    public void Run_MixedCaseAsciiBatch_ReturnsUpperCase()
    {
        using var session = fixture.Runtime.CreateSession(SampleModels.Build(SampleModels.Strings));
        string[] text = ["hello", "World 42!", "", "already UPPER", "mIxEd-CaSe_123"];

        var output = Assert.Single(session.Run([Strings("TEXT", text)], ["UPPER"]));

        Assert.Equal(TensorElementType.String, output.ElementType);
        Assert.Equal([text.Length], output.Shape);
        Assert.Empty(output.Data);
        Assert.Equal(text.Select(t => t.ToUpperInvariant()), output.StringElements!.Select(Encoding.UTF8.GetString));
    }

    [Fact]
    public void Run_NonAsciiText_PassesUtf8Through()
    {
        using var session = fixture.Runtime.CreateSession(SampleModels.Build(SampleModels.Strings));

        var output = session.Run([Strings("TEXT", ["grüße ✓"])], ["UPPER"])[0];

        Assert.Equal("GRüßE ✓", Encoding.UTF8.GetString(output.StringElements![0]));
    }

    private static OrtInputTensor Strings(string name, string[] values) =>
        OrtInputTensor.FromStrings(name, [values.Length], values.Select(v => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(v)).ToArray());
}
