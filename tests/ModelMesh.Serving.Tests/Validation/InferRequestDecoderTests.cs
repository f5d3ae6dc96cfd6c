using System.Buffers.Binary;
using Google.Protobuf;
using ModelMesh.Contracts.Inference;
using Grpc.Core;
using ModelMesh.Onnx;
using Input = ModelMesh.Contracts.Inference.ModelInferRequest.Types.InferInputTensor;

namespace ModelMesh.Serving.Tests.Validation;

/// <summary>One test per bad-input case of docs/architecture.md's error table, plus the good paths they guard.</summary>
public sealed class InferRequestDecoderTests
{
    private static readonly ModelSignature Simple = new(
        [new OrtTensorInfo("INPUT0", TensorElementType.Int32, [-1, 16]), new OrtTensorInfo("INPUT1", TensorElementType.Int32, [-1, 16])],
        [new OrtTensorInfo("OUTPUT0", TensorElementType.Int32, [-1, 16]), new OrtTensorInfo("OUTPUT1", TensorElementType.Int32, [-1, 16])]);

    private static readonly ModelSignature Strings = new(
        [new OrtTensorInfo("TEXT", TensorElementType.String, [-1])],
        [new OrtTensorInfo("UPPER", TensorElementType.String, [-1])]);

    private static readonly ModelSignature Int8 = new(
        [new OrtTensorInfo("x", TensorElementType.Int8, [-1])],
        [new OrtTensorInfo("y", TensorElementType.Int8, [-1])]);

    private static readonly ModelSignature Half = new(
        [new OrtTensorInfo("x", TensorElementType.Float16, [-1, 8])],
        [new OrtTensorInfo("y", TensorElementType.Float16, [-1, 8])]);

    private static Input RawInput(string name, string datatype, params long[] shape)
    {
        var input = new Input { Name = name, Datatype = datatype };
        input.Shape.AddRange(shape);
        return input;
    }

    private static ModelInferRequest SimpleRaw(int batch = 1)
    {
        var request = new ModelInferRequest { ModelName = "simple" };
        request.Inputs.Add(RawInput("INPUT0", "INT32", batch, 16));
        request.Inputs.Add(RawInput("INPUT1", "INT32", batch, 16));
        request.RawInputContents.Add(ByteString.CopyFrom(new byte[batch * 64]));
        request.RawInputContents.Add(ByteString.CopyFrom(new byte[batch * 64]));
        return request;
    }

    private static ServingException Rejects(ModelInferRequest request, ModelSignature signature)
    {
        var e = Assert.Throws<ServingException>(() => InferRequestDecoder.Decode(request, signature));
        Assert.Equal(StatusCode.InvalidArgument, e.Code);
        Assert.Equal(400, e.HttpStatus);
        return e;
    }

    [Fact]
    public void Decode_ValidRawRequest_WrapsInputsAndDefaultsToAllOutputsRaw()
    {
        var request = SimpleRaw(batch: 3);
        var decoded = InferRequestDecoder.Decode(request, Simple);
        Assert.Equal(["INPUT0", "INPUT1"], decoded.Inputs.Select(i => i.Name));
        Assert.Equal([3L, 16L], decoded.Inputs[0].Shape);
        Assert.Equal(["OUTPUT0", "OUTPUT1"], decoded.OutputNames);
        Assert.True(decoded.RawOutput);
    }

    [Fact]
    public void Decode_TypedContents_ConvertsToLittleEndianBytes()
    {
        var request = new ModelInferRequest();
        foreach (var name in new[] { "INPUT0", "INPUT1" })
        {
            var input = RawInput(name, "INT32", 1, 16);
            input.Contents = new InferTensorContents();
            input.Contents.IntContents.AddRange(Enumerable.Range(-8, 16));
            request.Inputs.Add(input);
        }

        var decoded = InferRequestDecoder.Decode(request, Simple);
        var bytes = decoded.Inputs[0].Data.Span;
        Assert.Equal(-8, BinaryPrimitives.ReadInt32LittleEndian(bytes));
        Assert.Equal(7, BinaryPrimitives.ReadInt32LittleEndian(bytes[60..]));
    }

    [Fact]
    public void Decode_WrongDatatype_NamesInputAndBothTypes()
    {
        var request = SimpleRaw();
        request.Inputs[1].Datatype = "FP32";
        var e = Rejects(request, Simple);
        Assert.Contains("'INPUT1'", e.Message, StringComparison.Ordinal);
        Assert.Contains("FP32", e.Message, StringComparison.Ordinal);
        Assert.Contains("INT32", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_ShapeMismatch_NamesInputAndBothShapes()
    {
        var request = SimpleRaw();
        request.Inputs[0].Shape[1] = 8;
        request.RawInputContents[0] = ByteString.CopyFrom(new byte[32]);
        var e = Rejects(request, Simple);
        Assert.Contains("'INPUT0'", e.Message, StringComparison.Ordinal);
        Assert.Contains("[1,8]", e.Message, StringComparison.Ordinal);
        Assert.Contains("[-1,16]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_RankMismatch_IsRejected()
    {
        var request = SimpleRaw();
        request.Inputs[0].Shape.Clear();
        request.Inputs[0].Shape.Add(16);
        Assert.Contains("'INPUT0'", Rejects(request, Simple).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_RawByteSizeMismatch_SaysExpectedAndGot()
    {
        var request = SimpleRaw();
        request.RawInputContents[1] = ByteString.CopyFrom(new byte[40]);
        var e = Rejects(request, Simple);
        Assert.Contains("'INPUT1'", e.Message, StringComparison.Ordinal);
        Assert.Contains("expected 64 bytes, got 40", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_FewerRawContentsThanInputs_IsRejected()
    {
        var request = SimpleRaw();
        request.RawInputContents.RemoveAt(1);
        var e = Rejects(request, Simple);
        Assert.Contains("raw_input_contents has 1 entries", e.Message, StringComparison.Ordinal);
        Assert.Contains("(2)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_BothTypedAndRawContents_IsRejected()
    {
        var request = SimpleRaw();
        request.Inputs[0].Contents = new InferTensorContents();
        request.Inputs[0].Contents.IntContents.AddRange(new int[16]);
        var e = Rejects(request, Simple);
        Assert.Contains("'INPUT0'", e.Message, StringComparison.Ordinal);
        Assert.Contains("both", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_MissingInput_NamesTheMissingInput()
    {
        var request = SimpleRaw();
        request.Inputs.RemoveAt(1);
        request.RawInputContents.RemoveAt(1);
        var e = Rejects(request, Simple);
        Assert.Contains("missing input 'INPUT1'", e.Message, StringComparison.Ordinal);
        Assert.Contains("INT32 [-1,16]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_UnexpectedInput_NamesItAndTheModelsInputs()
    {
        var request = SimpleRaw();
        request.Inputs[1].Name = "INPUT9";
        var e = Rejects(request, Simple);
        Assert.Contains("'INPUT9'", e.Message, StringComparison.Ordinal);
        Assert.Contains("INPUT0, INPUT1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_DuplicateInput_IsRejected()
    {
        var request = SimpleRaw();
        request.Inputs[1].Name = "INPUT0";
        Assert.Contains("more than once", Rejects(request, Simple).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_NegativeDimension_IsRejected()
    {
        var request = SimpleRaw();
        request.Inputs[0].Shape[0] = -1;
        var e = Rejects(request, Simple);
        Assert.Contains("'INPUT0'", e.Message, StringComparison.Ordinal);
        Assert.Contains("negative", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_OverflowingDimensions_IsRejectedWithoutAllocating()
    {
        var request = SimpleRaw();
        request.Inputs[0].Shape[0] = long.MaxValue / 4;
        var e = Rejects(request, Simple);
        Assert.Contains("'INPUT0'", e.Message, StringComparison.Ordinal);
        Assert.Contains("too large", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_BadBytesLengthPrefix_IsRejected()
    {
        var request = new ModelInferRequest();
        request.Inputs.Add(RawInput("TEXT", "BYTES", 2));
        var raw = new byte[4 + 3 + 4];
        BinaryPrimitives.WriteInt32LittleEndian(raw, 3);
        BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(7), 1000);
        request.RawInputContents.Add(ByteString.CopyFrom(raw));
        var e = Rejects(request, Strings);
        Assert.Contains("'TEXT'", e.Message, StringComparison.Ordinal);
        Assert.Contains("element 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("1000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_BytesTrailingGarbage_IsRejected()
    {
        var request = new ModelInferRequest();
        request.Inputs.Add(RawInput("TEXT", "BYTES", 1));
        var raw = new byte[4 + 2 + 3];
        BinaryPrimitives.WriteInt32LittleEndian(raw, 2);
        request.RawInputContents.Add(ByteString.CopyFrom(raw));
        Assert.Contains("'TEXT'", Rejects(request, Strings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_RawBytes_SplitsElementsWithoutCopying()
    {
        var request = new ModelInferRequest();
        request.Inputs.Add(RawInput("TEXT", "BYTES", 2));
        var raw = new byte[] { 2, 0, 0, 0, (byte)'h', (byte)'i', 0, 0, 0, 0 };
        request.RawInputContents.Add(ByteString.CopyFrom(raw));
        var decoded = InferRequestDecoder.Decode(request, Strings);
        Assert.Equal("hi"u8.ToArray(), decoded.Inputs[0].StringElements![0].ToArray());
        Assert.Equal(0, decoded.Inputs[0].StringElements![1].Length);
    }

    [Fact]
    public void Decode_TypedBytesWithNulAndNonUtf8_KeepsEveryByte()
    {
        var request = new ModelInferRequest();
        var input = RawInput("TEXT", "BYTES", 2);
        input.Contents = new InferTensorContents();
        input.Contents.BytesContents.Add(ByteString.CopyFrom("he\0llo"u8));
        input.Contents.BytesContents.Add(ByteString.CopyFrom(0xFF, 0x00, 0xC3));
        request.Inputs.Add(input);
        var decoded = InferRequestDecoder.Decode(request, Strings);
        Assert.Equal("he\0llo"u8.ToArray(), decoded.Inputs[0].StringElements![0].ToArray());
        Assert.Equal(new byte[] { 0xFF, 0x00, 0xC3 }, decoded.Inputs[0].StringElements![1].ToArray());
    }

    [Fact]
    public void Decode_RawBytesWithNul_KeepsTheNul()
    {
        var request = new ModelInferRequest();
        request.Inputs.Add(RawInput("TEXT", "BYTES", 1));
        request.RawInputContents.Add(ByteString.CopyFrom(6, 0, 0, 0, (byte)'h', (byte)'e', 0, (byte)'l', (byte)'l', (byte)'o'));
        var decoded = InferRequestDecoder.Decode(request, Strings);
        Assert.Equal("he\0llo"u8.ToArray(), decoded.Inputs[0].StringElements![0].ToArray());
    }

    [Fact]
    public void Decode_TypedCountMismatch_SaysExpectedAndGot()
    {
        var request = new ModelInferRequest();
        foreach (var name in new[] { "INPUT0", "INPUT1" })
        {
            var input = RawInput(name, "INT32", 1, 16);
            input.Contents = new InferTensorContents();
            input.Contents.IntContents.AddRange(new int[name == "INPUT1" ? 15 : 16]);
            request.Inputs.Add(input);
        }

        var e = Rejects(request, Simple);
        Assert.Contains("'INPUT1'", e.Message, StringComparison.Ordinal);
        Assert.Contains("15", e.Message, StringComparison.Ordinal);
        Assert.Contains("16", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_TypedWrongField_NamesBothFields()
    {
        var request = new ModelInferRequest();
        foreach (var name in new[] { "INPUT0", "INPUT1" })
        {
            var input = RawInput(name, "INT32", 1, 16);
            input.Contents = new InferTensorContents();
            input.Contents.Fp32Contents.AddRange(new float[16]);
            request.Inputs.Add(input);
        }

        var e = Rejects(request, Simple);
        Assert.Contains("fp32_contents", e.Message, StringComparison.Ordinal);
        Assert.Contains("int_contents", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_TypedValueOutOfRange_IsRejected()
    {
        var request = new ModelInferRequest();
        var input = RawInput("x", "INT8", 2);
        input.Contents = new InferTensorContents();
        input.Contents.IntContents.AddRange([-128, 300]);
        request.Inputs.Add(input);
        var e = Rejects(request, Int8);
        Assert.Contains("'x'", e.Message, StringComparison.Ordinal);
        Assert.Contains("300", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_TypedFp16_AsksForRawContents()
    {
        var request = new ModelInferRequest();
        var input = RawInput("x", "FP16", 1, 8);
        input.Contents = new InferTensorContents();
        input.Contents.Fp32Contents.AddRange(new float[8]);
        request.Inputs.Add(input);
        Assert.Contains("raw_input_contents", Rejects(request, Half).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_UnknownRequestedOutput_IsRejected()
    {
        var request = SimpleRaw();
        request.Outputs.Add(new ModelInferRequest.Types.InferRequestedOutputTensor { Name = "OUTPUT7" });
        var e = Rejects(request, Simple);
        Assert.Contains("'OUTPUT7'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_RequestedOutputSubsetAndTypedParameter_AreHonoured()
    {
        var request = SimpleRaw();
        request.Outputs.Add(new ModelInferRequest.Types.InferRequestedOutputTensor { Name = "OUTPUT1" });
        request.Parameters[InferRequestDecoder.RawOutputParameter] = new InferParameter { BoolParam = false };
        var decoded = InferRequestDecoder.Decode(request, Simple);
        Assert.Equal(["OUTPUT1"], decoded.OutputNames);
        Assert.False(decoded.RawOutput);
    }
}
