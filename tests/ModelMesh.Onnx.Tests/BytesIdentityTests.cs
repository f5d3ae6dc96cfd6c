using ModelMesh.Onnx.Authoring;

namespace ModelMesh.Onnx.Tests;

/// <summary>
/// V2 BYTES elements are arbitrary bytes. Triton's string example sends "he\0llo" through an identity model and
/// expects it back unchanged; ONNX string tensors must carry NUL and non-UTF-8 bytes both ways.
/// </summary>
[Collection(OrtCollection.Name)]
public sealed class BytesIdentityTests(OrtRuntimeFixture fixture)
{
    private static readonly byte[] Model = new OnnxModelBuilder("bytes-identity")
        .AddInput("IN", TensorElementType.String, "n")
        .AddOutput("OUT", TensorElementType.String, "n")
        .AddNode("Identity", ["IN"], ["OUT"])
        .ToBytes();

    public static TheoryData<string, byte[][]> Elements => new()
    {
        { "Triton's example", ["he\0llo"u8.ToArray()] },
        { "NUL only, leading, trailing and repeated", [[0], [0, 0, (byte)'a', 0], [(byte)'z', 0, 0], []] },
        { "invalid UTF-8", [[0xFF, 0xFE, 0x00, 0x80], [0xC3], [0xED, 0xA0, 0x80]] },
        { "every byte value", [Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), Enumerable.Range(0, 256).Select(b => (byte)(255 - b)).ToArray()] },
    };

    [Theory]
    [MemberData(nameof(Elements))]
    public void Run_IdentityModel_ReturnsEveryByteUnchanged(string what, byte[][] elements)
    {
        using var session = fixture.Runtime.CreateSession(Model);
        var input = OrtInputTensor.FromStrings("IN", [elements.Length], elements.Select(e => (ReadOnlyMemory<byte>)e).ToArray());

        var output = Assert.Single(session.Run([input], ["OUT"]));

        Assert.Equal(TensorElementType.String, output.ElementType);
        Assert.Equal([(long)elements.Length], output.Shape);
        Assert.True(elements.SequenceEqual(output.StringElements!, ByteArrays.Comparer), $"{what}: the elements changed on the way through ORT");
    }

    private sealed class ByteArrays : IEqualityComparer<byte[]>
    {
        public static readonly ByteArrays Comparer = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => obj.Length;
    }
}
