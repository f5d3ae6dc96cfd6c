using Google.Protobuf;
using ModelMesh.Contracts.Inference;
using ModelMesh.FrontDoor.Grpc;
using Grpc.Core;
using ModelMesh.Serving;

namespace ModelMesh.FrontDoor.Tests;

public sealed class InferRequestPeekTests
{
    [Fact]
    public void Read_FullRequest_ReturnsNameAndVersionOnly()
    {
        var request = new ModelInferRequest { ModelName = "mlp-ünïcode", ModelVersion = "3", Id = "r1" };
        request.Parameters["p"] = new InferParameter { Int64Param = -5 };
        var input = new ModelInferRequest.Types.InferInputTensor { Name = "x", Datatype = "FP32", Contents = new InferTensorContents() };
        input.Shape.AddRange([2, 2]);
        input.Contents.Fp32Contents.AddRange([1f, 2f, 3f, 4f]);
        request.Inputs.Add(input);
        request.RawInputContents.Add(ByteString.CopyFrom(new byte[1000]));

        var (name, version) = InferRequestPeek.Read(request.ToByteArray());

        Assert.Equal("mlp-ünïcode", name);
        Assert.Equal("3", version);
    }

    [Fact]
    public void Read_FieldsInAnyOrderAndRepeated_LastValueWins()
    {
        // Protobuf allows fields in any order; for a repeated scalar field the last value wins.
        var tail = new ModelInferRequest { ModelName = "second" }.ToByteArray();
        var head = new ModelInferRequest { Id = "x", ModelVersion = "7", ModelName = "first" }.ToByteArray();
        var (name, version) = InferRequestPeek.Read([.. head, .. tail]);
        Assert.Equal("second", name);
        Assert.Equal("7", version);
    }

    [Fact]
    public void Read_EmptyMessage_ReturnsEmptyStrings()
    {
        Assert.Equal(("", ""), InferRequestPeek.Read([]));
    }

    [Theory]
    [InlineData(new byte[] { 0x0A, 0x05, (byte)'a' })]          // length runs past the end
    [InlineData(new byte[] { 0x08 })]                              // truncated varint
    [InlineData(new byte[] { 0x0B })]                              // group wire type
    [InlineData(new byte[] { 0x09, 1, 2, 3 })]                     // truncated fixed64
    public void Read_Malformed_IsInvalidArgument(byte[] message)
    {
        var e = Assert.Throws<ServingException>(() => InferRequestPeek.Read(message));
        Assert.Equal(StatusCode.InvalidArgument, e.Code);
        Assert.Contains("not a valid protobuf", e.Message, StringComparison.Ordinal);
    }
}
