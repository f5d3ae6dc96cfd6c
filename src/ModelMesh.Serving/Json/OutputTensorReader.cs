using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Unicode;
using Google.Protobuf;
using ModelMesh.Contracts.Inference;
using InferOutputTensor = ModelMesh.Contracts.Inference.ModelInferResponse.Types.InferOutputTensor;

namespace ModelMesh.Serving.Json;

/// <summary>
/// One output of a <see cref="ModelInferResponse"/>, checked up front (raw size or typed-contents count against
/// the shape), then written to JSON element by element in row-major order from raw_output_contents[i] when
/// present, else from its typed contents. Checking first means a bad response fails before any JSON is written.
/// </summary>
internal sealed class OutputTensorReader
{
    private readonly ReadOnlyMemory<byte> _raw;
    private readonly bool _hasRaw;
    private readonly InferTensorContents? _contents;
    private int _rawOffset;
    private int _next;

    private OutputTensorReader(InferOutputTensor tensor, V2ElementType type, long count, ByteString? raw)
    {
        Tensor = tensor;
        Type = type;
        ElementCount = count;
        _hasRaw = raw is not null;
        _raw = raw?.Memory ?? default;
        _contents = tensor.Contents;
    }

    public InferOutputTensor Tensor { get; }

    public V2ElementType Type { get; }

    public long ElementCount { get; }

    /// <summary>A BYTES output with at least one element that is not valid UTF-8.</summary>
    public bool HasNonUtf8Bytes { get; private set; }

    public static OutputTensorReader[] ForResponse(ModelInferResponse response)
    {
        var readers = new OutputTensorReader[response.Outputs.Count];
        for (int i = 0; i < readers.Length; i++)
        {
            var output = response.Outputs[i];
            var raw = i < response.RawOutputContents.Count ? response.RawOutputContents[i] : null;

            // An empty raw entry beside typed contents is a placeholder, not a zero-element tensor.
            readers[i] = Create(output, raw is { IsEmpty: true } && output.Contents is not null ? null : raw);
        }

        return readers;
    }

    public static OutputTensorReader Create(InferOutputTensor tensor, ByteString? raw)
    {
        if (!V2Datatypes.TryParse(tensor.Datatype, out var type))
        {
            throw JsonCodecErrors.Internal($"output '{tensor.Name}': unknown datatype '{tensor.Datatype}'");
        }

        long count = 1;
        foreach (long dim in tensor.Shape)
        {
            count = dim >= 0 && dim <= int.MaxValue ? count * dim : -1;
            if (count < 0 || count > int.MaxValue)
            {
                throw JsonCodecErrors.Internal($"output '{tensor.Name}': invalid shape {JsonCodecErrors.FormatShape(tensor.Shape)}");
            }
        }

        var reader = new OutputTensorReader(tensor, type, count, raw);
        reader.Validate();
        return reader;
    }

    private void Validate()
    {
        long available = _hasRaw ? RawElementCount() : TypedContentsCount();
        if (available != ElementCount)
        {
            string source = _hasRaw ? "raw contents hold" : "typed contents hold";
            throw JsonCodecErrors.Internal(
                $"output '{Tensor.Name}': {source} {available} {V2Datatypes.Name(Type)} elements, shape {JsonCodecErrors.FormatShape(Tensor.Shape)} needs {ElementCount}");
        }

        if (Type == V2ElementType.Bytes)
        {
            for (int i = 0; i < ElementCount && !HasNonUtf8Bytes; i++)
            {
                HasNonUtf8Bytes = !Utf8.IsValid(NextBytesElement());
            }

            _rawOffset = 0;
            _next = 0;
        }
    }

    /// <summary>Elements in the raw bytes; -1 when they do not split into whole elements.</summary>
    private long RawElementCount()
    {
        var raw = _raw.Span;
        int size = V2Datatypes.ElementSize(Type);
        if (size > 0)
        {
            return raw.Length % size == 0 ? raw.Length / size : -1;
        }

        long count = 0;
        for (int offset = 0; offset < raw.Length; count++)
        {
            if (raw.Length - offset < 4)
            {
                return -1;
            }

            uint length = BinaryPrimitives.ReadUInt32LittleEndian(raw[offset..]);
            if (length > (uint)(raw.Length - offset - 4))
            {
                return -1;
            }

            offset += 4 + (int)length;
        }

        return count;
    }

    private long TypedContentsCount()
    {
        if (ElementCount == 0 && _contents is null)
        {
            return 0;
        }

        var contents = _contents ?? new InferTensorContents();
        return Type switch
        {
            V2ElementType.Bool => contents.BoolContents.Count,
            V2ElementType.Int8 or V2ElementType.Int16 or V2ElementType.Int32 => contents.IntContents.Count,
            V2ElementType.Int64 => contents.Int64Contents.Count,
            V2ElementType.UInt8 or V2ElementType.UInt16 or V2ElementType.UInt32 => contents.UintContents.Count,
            V2ElementType.UInt64 => contents.Uint64Contents.Count,
            V2ElementType.FP32 => contents.Fp32Contents.Count,
            V2ElementType.FP64 => contents.Fp64Contents.Count,
            V2ElementType.Bytes => contents.BytesContents.Count,
            _ => 0, // FP16 and BF16 travel only as raw contents.
        };
    }

    /// <summary>Writes the next <paramref name="count"/> elements as JSON values.</summary>
    public void WriteNext(Utf8JsonWriter writer, long count, BytesElementStyle bytesStyle)
    {
        for (long i = 0; i < count; i++)
        {
            if (Type == V2ElementType.Bytes)
            {
                WriteBytes(writer, NextBytesElement(), bytesStyle);
            }
            else if (_hasRaw)
            {
                WriteRawElement(writer);
            }
            else
            {
                TypedContentsJson.WriteElement(writer, Type, _contents!, _next++);
            }
        }
    }

    private void WriteBytes(Utf8JsonWriter writer, ReadOnlySpan<byte> element, BytesElementStyle style)
    {
        if (style == BytesElementStyle.Base64WholeTensor)
        {
            if (HasNonUtf8Bytes)
            {
                writer.WriteBase64StringValue(element);
            }
            else
            {
                writer.WriteStringValue(element);
            }
        }
        else if (Utf8.IsValid(element))
        {
            writer.WriteStringValue(element);
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteBase64String("b64"u8, element);
            writer.WriteEndObject();
        }
    }

    private ReadOnlySpan<byte> NextBytesElement()
    {
        if (!_hasRaw)
        {
            return _contents!.BytesContents[_next++].Span;
        }

        var raw = _raw.Span;
        int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(raw[_rawOffset..]);
        var element = raw.Slice(_rawOffset + 4, length);
        _rawOffset += 4 + length;
        return element;
    }

    private void WriteRawElement(Utf8JsonWriter writer)
    {
        var raw = _raw.Span[_rawOffset..];
        _rawOffset += V2Datatypes.ElementSize(Type);
        switch (Type)
        {
            case V2ElementType.Bool: writer.WriteBooleanValue(raw[0] != 0); break;
            case V2ElementType.UInt8: writer.WriteNumberValue((uint)raw[0]); break;
            case V2ElementType.UInt16: writer.WriteNumberValue((uint)BinaryPrimitives.ReadUInt16LittleEndian(raw)); break;
            case V2ElementType.UInt32: writer.WriteNumberValue(BinaryPrimitives.ReadUInt32LittleEndian(raw)); break;
            case V2ElementType.UInt64: writer.WriteNumberValue(BinaryPrimitives.ReadUInt64LittleEndian(raw)); break;
            case V2ElementType.Int8: writer.WriteNumberValue((int)(sbyte)raw[0]); break;
            case V2ElementType.Int16: writer.WriteNumberValue((int)BinaryPrimitives.ReadInt16LittleEndian(raw)); break;
            case V2ElementType.Int32: writer.WriteNumberValue(BinaryPrimitives.ReadInt32LittleEndian(raw)); break;
            case V2ElementType.Int64: writer.WriteNumberValue(BinaryPrimitives.ReadInt64LittleEndian(raw)); break;
            case V2ElementType.FP16: JsonFloatWriter.WriteHalf(writer, BinaryPrimitives.ReadHalfLittleEndian(raw)); break;
            case V2ElementType.BF16: JsonFloatWriter.WriteSingle(writer, BFloat16Bits.ToSingle(BinaryPrimitives.ReadUInt16LittleEndian(raw))); break;
            case V2ElementType.FP32: JsonFloatWriter.WriteSingle(writer, BinaryPrimitives.ReadSingleLittleEndian(raw)); break;
            default: JsonFloatWriter.WriteDouble(writer, BinaryPrimitives.ReadDoubleLittleEndian(raw)); break;
        }
    }
}
