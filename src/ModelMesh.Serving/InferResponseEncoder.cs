using System.Buffers.Binary;
using Google.Protobuf;
using ModelMesh.Contracts.Inference;
using ModelMesh.Onnx;

namespace ModelMesh.Serving;

/// <summary>
/// Builds the V2 <see cref="ModelInferResponse"/> from runtime outputs: raw_output_contents by default
/// (the runtime's bytes wrapped, not copied again), typed contents when the request asked for them.
/// </summary>
public static class InferResponseEncoder
{
    public static ModelInferResponse Encode(
        ModelInferRequest request, string modelName, string modelVersion, IReadOnlyList<OrtOutputTensor> outputs, bool rawOutput)
    {
        var response = new ModelInferResponse { ModelName = modelName, ModelVersion = modelVersion, Id = request.Id };
        foreach (var output in outputs)
        {
            var datatype = TensorElementTypes.ToV2Datatype(output.ElementType)
                ?? throw new ServingException(global::Grpc.Core.StatusCode.Unimplemented,
                    $"output '{output.Name}': element type {output.ElementType} has no V2 datatype");
            var tensor = new ModelInferResponse.Types.InferOutputTensor { Name = output.Name, Datatype = datatype };
            tensor.Shape.AddRange(output.Shape);
            if (rawOutput)
            {
                response.RawOutputContents.Add(output.StringElements is { } strings
                    ? EncodeLengthPrefixed(strings)
                    : UnsafeByteOperations.UnsafeWrap(output.Data));
            }
            else
            {
                tensor.Contents = TypedContents(output);
            }

            response.Outputs.Add(tensor);
        }

        return response;
    }

    /// <summary>V2 raw BYTES: per element a 4-byte little-endian length, then the bytes.</summary>
    public static ByteString EncodeLengthPrefixed(IReadOnlyList<byte[]> elements)
    {
        var total = 0;
        foreach (var e in elements)
        {
            total += 4 + e.Length;
        }

        var buffer = new byte[total];
        var offset = 0;
        foreach (var e in elements)
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(offset), e.Length);
            e.CopyTo(buffer, offset + 4);
            offset += 4 + e.Length;
        }

        return UnsafeByteOperations.UnsafeWrap(buffer);
    }

    private static InferTensorContents TypedContents(OrtOutputTensor output)
    {
        var c = new InferTensorContents();
        var d = output.Data.AsSpan();
        switch (output.ElementType)
        {
            case TensorElementType.Bool:
                foreach (var b in d) c.BoolContents.Add(b != 0);
                break;
            case TensorElementType.Int8:
                foreach (var b in d) c.IntContents.Add((sbyte)b);
                break;
            case TensorElementType.Int16:
                for (var i = 0; i < d.Length; i += 2) c.IntContents.Add(BinaryPrimitives.ReadInt16LittleEndian(d[i..]));
                break;
            case TensorElementType.Int32:
                for (var i = 0; i < d.Length; i += 4) c.IntContents.Add(BinaryPrimitives.ReadInt32LittleEndian(d[i..]));
                break;
            case TensorElementType.Int64:
                for (var i = 0; i < d.Length; i += 8) c.Int64Contents.Add(BinaryPrimitives.ReadInt64LittleEndian(d[i..]));
                break;
            case TensorElementType.UInt8:
                foreach (var b in d) c.UintContents.Add(b);
                break;
            case TensorElementType.UInt16:
                for (var i = 0; i < d.Length; i += 2) c.UintContents.Add(BinaryPrimitives.ReadUInt16LittleEndian(d[i..]));
                break;
            case TensorElementType.UInt32:
                for (var i = 0; i < d.Length; i += 4) c.UintContents.Add(BinaryPrimitives.ReadUInt32LittleEndian(d[i..]));
                break;
            case TensorElementType.UInt64:
                for (var i = 0; i < d.Length; i += 8) c.Uint64Contents.Add(BinaryPrimitives.ReadUInt64LittleEndian(d[i..]));
                break;
            case TensorElementType.Float:
                for (var i = 0; i < d.Length; i += 4) c.Fp32Contents.Add(BinaryPrimitives.ReadSingleLittleEndian(d[i..]));
                break;
            case TensorElementType.Double:
                for (var i = 0; i < d.Length; i += 8) c.Fp64Contents.Add(BinaryPrimitives.ReadDoubleLittleEndian(d[i..]));
                break;
            case TensorElementType.String:
                foreach (var s in output.StringElements ?? []) c.BytesContents.Add(ByteString.CopyFrom(s));
                break;
            default:
                throw ServingException.InvalidArgument(
                    $"output '{output.Name}': datatype {TensorElementTypes.ToV2Datatype(output.ElementType)} has no typed contents field; request raw output contents");
        }

        return c;
    }
}
