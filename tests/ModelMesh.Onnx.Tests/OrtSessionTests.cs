using System.Runtime.InteropServices;
using ModelMesh.Onnx.Tests.Reference;

namespace ModelMesh.Onnx.Tests;

[Collection(OrtCollection.Name)]
public sealed class OrtSessionTests(OrtRuntimeFixture fixture)
{
    [Fact]
    public void CreateSession_GarbageBytes_ThrowsInvalidProtobuf()
    {
        var error = Assert.Throws<OrtException>(() => fixture.Runtime.CreateSession("this is not an onnx model"u8.ToArray()));
        Assert.Equal(OrtErrorCode.InvalidProtobuf, error.Code);
    }

    [Fact]
    public void CreateSession_CorruptFile_ThrowsInvalidProtobuf()
    {
        var path = Path.GetTempFileName();
        try
        {
            var bytes = SampleModels.Build(SampleModels.Mlp);
            File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length / 2).ToArray());
            var error = Assert.Throws<OrtException>(() => fixture.Runtime.CreateSession(path));
            Assert.Equal(OrtErrorCode.InvalidProtobuf, error.Code);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void CreateSession_MissingFile_ThrowsNoSuchFile()
    {
        var error = Assert.Throws<OrtException>(() => fixture.Runtime.CreateSession("/nonexistent/model.onnx"));
        Assert.Equal(OrtErrorCode.NoSuchFile, error.Code);
        Assert.Contains("/nonexistent/model.onnx", error.Message);
    }

    [Fact]
    public void CreateSession_Cuda0OnCpuOnlyLibrary_ThrowsClearOrtException()
    {
        var error = Assert.Throws<OrtException>(() => fixture.Runtime.CreateSession(
            SampleModels.Build(SampleModels.Mlp), new OrtSessionOptions { ExecutionProvider = "cuda:0" }));
        Assert.Equal(OrtErrorCode.EpFail, error.Code);
        Assert.Contains("CUDA execution provider (cuda:0) is not usable", error.Message);
        Assert.Contains("-p:ModelMeshGpu=true", error.Message);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    public void CreateSession_UnknownExecutionProvider_ThrowsArgumentException(string provider) =>
        Assert.Throws<ArgumentException>(() => fixture.Runtime.CreateSession(
            SampleModels.Build(SampleModels.Mlp), new OrtSessionOptions { ExecutionProvider = provider }));

    [Fact]
    public void Run_WrongInputElementType_ThrowsInvalidArgumentOrtException()
    {
        using var session = fixture.Runtime.CreateSession(SampleModels.Build(SampleModels.Mlp));
        var error = Assert.Throws<OrtException>(() => session.Run(
            [OrtInputTensor.FromBytes("input", TensorElementType.Double, [1, 4], new byte[32])], ["probabilities"]));
        Assert.Equal(OrtErrorCode.InvalidArgument, error.Code);
    }

    [Fact]
    public void Run_WrongInputShape_ThrowsInvalidArgumentOrtException()
    {
        using var session = fixture.Runtime.CreateSession(SampleModels.Build(SampleModels.Mlp));
        var error = Assert.Throws<OrtException>(() => session.Run(
            [OrtInputTensor.FromBytes("input", TensorElementType.Float, [2, 5], new byte[40])], ["probabilities"]));
        Assert.Equal(OrtErrorCode.InvalidArgument, error.Code);
    }

    [Fact]
    public void Run_UnknownInputName_ThrowsInvalidArgumentNamingTheInputs()
    {
        using var session = fixture.Runtime.CreateSession(SampleModels.Build(SampleModels.Mlp));
        var error = Assert.Throws<OrtException>(() => session.Run(
            [OrtInputTensor.FromBytes("x", TensorElementType.Float, [1, 4], new byte[16])], ["probabilities"]));
        Assert.Equal(OrtErrorCode.InvalidArgument, error.Code);
        Assert.Contains("'x'", error.Message);
    }

    [Fact]
    public void Run_UnknownOutputName_ThrowsInvalidArgument()
    {
        using var session = fixture.Runtime.CreateSession(SampleModels.Build(SampleModels.Mlp));
        var error = Assert.Throws<OrtException>(() => session.Run(
            [OrtInputTensor.FromBytes("input", TensorElementType.Float, [1, 4], new byte[16])], ["logits"]));
        Assert.Equal(OrtErrorCode.InvalidArgument, error.Code);
    }

    [Fact]
    public void Run_MissingInput_ThrowsInvalidArgument()
    {
        using var session = fixture.Runtime.CreateSession(SampleModels.Build(SampleModels.Simple));
        var error = Assert.Throws<OrtException>(() => session.Run(
            [OrtInputTensor.FromBytes("INPUT0", TensorElementType.Int32, [1, 16], new byte[64])], ["OUTPUT0"]));
        Assert.Equal(OrtErrorCode.InvalidArgument, error.Code);
        Assert.Contains("INPUT1", error.Message);
    }

    [Fact]
    public void Run_SameInputTwice_ThrowsInvalidArgument()
    {
        using var session = fixture.Runtime.CreateSession(SampleModels.Build(SampleModels.Mlp));
        var input = OrtInputTensor.FromBytes("input", TensorElementType.Float, [1, 4], new byte[16]);
        var error = Assert.Throws<OrtException>(() => session.Run([input, input], ["probabilities"]));
        Assert.Equal(OrtErrorCode.InvalidArgument, error.Code);
    }

    [Fact]
    public void Run_AfterDispose_ThrowsObjectDisposedException()
    {
        var session = fixture.Runtime.CreateSession(SampleModels.Build(SampleModels.Mlp));
        session.Dispose();
        session.Dispose();
        Assert.Throws<ObjectDisposedException>(() => session.Run(
            [OrtInputTensor.FromBytes("input", TensorElementType.Float, [1, 4], new byte[16])], ["probabilities"]));
    }

    [Fact]
    public unsafe void CreateOrtValue_FromBytesInput_PointsOrtAtTheCallersMemory()
    {
        var data = new byte[16];
        var input = OrtInputTensor.FromBytes("input", TensorElementType.Float, [1, 4], data);

        using var value = input.CreateOrtValue(out var pin);
        using (pin)
        {
            fixed (byte* callers = data)
            fixed (byte* ortData = value.GetTensorMutableRawData())
            {
                Assert.Equal((nint)callers, (nint)ortData);
            }
        }
    }

    [Fact]
    public void Run_InputMemoryMutatedBetweenRuns_SecondRunSeesTheNewValues()
    {
        using var session = fixture.Runtime.CreateSession(SampleModels.Build(SampleModels.Mlp));
        var buffer = new float[8];
        var memory = MemoryMarshal.AsBytes(buffer.AsSpan()).ToArray().AsMemory();
        var input = OrtInputTensor.FromBytes("input", TensorElementType.Float, [2, 4], memory);
        var first = session.Run([input], ["probabilities"])[0].Data;

        var changed = TensorBytes.RandomFloats(11, 8, 5f);
        TensorBytes.Of(changed).CopyTo(memory);
        var second = TensorBytes.To<float>(session.Run([input], ["probabilities"])[0].Data);

        Assert.NotEqual(first, TensorBytes.Of(second));
        Assert.Equal(MlpReference.Compute(changed, 2, SampleModels.MlpWeights()), second, (x, y) => Math.Abs(x - y) <= 1e-4);
    }
}
