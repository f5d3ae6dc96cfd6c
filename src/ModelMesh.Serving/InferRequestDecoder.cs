using System.Buffers.Binary;
using ModelMesh.Contracts.Inference;
using ModelMesh.Onnx;

namespace ModelMesh.Serving;

/// <summary>
/// Validates a V2 <see cref="ModelInferRequest"/> against a model's signature and turns it into runtime inputs.
/// Every failure is an INVALID_ARGUMENT naming the input and what was expected versus what arrived
/// (docs/architecture.md, Error codes and V2 protocol details). Raw contents are wrapped without copying.
/// </summary>
public static class InferRequestDecoder
{
    /// <summary>Request parameter that, when false, asks for typed output contents instead of raw_output_contents.</summary>
    public const string RawOutputParameter = "raw_output_contents";

    public static DecodedInferRequest Decode(ModelInferRequest request, ModelSignature signature)
    {
        var useRaw = request.RawInputContents.Count > 0;
        if (useRaw && request.RawInputContents.Count != request.Inputs.Count)
        {
            throw ServingException.InvalidArgument(
                $"raw_input_contents has {request.RawInputContents.Count} entries, expected one per input ({request.Inputs.Count})");
        }

        var inputs = new OrtInputTensor[request.Inputs.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Inputs.Count; i++)
        {
            var input = request.Inputs[i];
            var spec = signature.FindInput(input.Name)
                ?? throw ServingException.InvalidArgument(
                    $"unexpected input '{input.Name}': the model's inputs are {string.Join(", ", signature.Inputs.Select(s => s.Name))}");
            if (!seen.Add(input.Name))
            {
                throw ServingException.InvalidArgument($"input '{input.Name}' appears more than once");
            }

            if (useRaw && TypedContentsReader.HasAny(input.Contents))
            {
                throw ServingException.InvalidArgument(
                    $"input '{input.Name}': has both typed contents and raw_input_contents; use one or the other");
            }

            inputs[i] = DecodeInput(input, spec, useRaw ? request.RawInputContents[i].Memory : (ReadOnlyMemory<byte>?)null);
        }

        foreach (var spec in signature.Inputs)
        {
            if (!seen.Contains(spec.Name))
            {
                throw ServingException.InvalidArgument(
                    $"missing input '{spec.Name}' ({TensorElementTypes.ToV2Datatype(spec.ElementType)} {TensorShapes.Format(spec.Shape)})");
            }
        }

        return new DecodedInferRequest(inputs, OutputNames(request, signature), RawOutput(request));
    }

    private static OrtInputTensor DecodeInput(
        ModelInferRequest.Types.InferInputTensor input, OrtTensorInfo spec, ReadOnlyMemory<byte>? raw)
    {
        var expectedType = TensorElementTypes.ToV2Datatype(spec.ElementType) ?? spec.ElementType.ToString();
        if (!string.Equals(input.Datatype, expectedType, StringComparison.Ordinal))
        {
            throw ServingException.InvalidArgument(
                $"input '{input.Name}': datatype {Quote(input.Datatype)}, the model expects {expectedType}");
        }

        var shape = input.Shape.ToArray();
        foreach (var dim in shape)
        {
            if (dim < 0)
            {
                throw ServingException.InvalidArgument(
                    $"input '{input.Name}': shape {TensorShapes.Format(shape)} has a negative dimension");
            }
        }

        if (!TensorShapes.Matches(spec.Shape, shape))
        {
            throw ServingException.InvalidArgument(
                $"input '{input.Name}': shape {TensorShapes.Format(shape)}, the model expects {TensorShapes.Format(spec.Shape)}");
        }

        var elementSize = TensorElementTypes.SizeOf(spec.ElementType);
        var count = TensorShapes.ElementCount(shape, elementSize == 0 ? TensorShapes.MaxTensorBytes : TensorShapes.MaxTensorBytes / elementSize);
        if (count < 0)
        {
            throw ServingException.InvalidArgument(
                $"input '{input.Name}': shape {TensorShapes.Format(shape)} is too large (over {TensorShapes.MaxTensorBytes} bytes)");
        }

        if (spec.ElementType == TensorElementType.String)
        {
            var elements = raw is { } bytes
                ? ReadLengthPrefixedStrings(input.Name, bytes, count)
                : TypedContentsReader.ReadStrings(input.Name, input.Contents ?? new InferTensorContents(), count);
            return OrtInputTensor.FromStrings(input.Name, shape, elements);
        }

        if (raw is { } rawBytes)
        {
            var expected = count * elementSize;
            if (rawBytes.Length != expected)
            {
                throw ServingException.InvalidArgument(
                    $"input '{input.Name}': raw content size for {expectedType} {TensorShapes.Format(shape)}: expected {expected} bytes, got {rawBytes.Length}");
            }

            return OrtInputTensor.FromBytes(input.Name, spec.ElementType, shape, rawBytes);
        }

        var data = TypedContentsReader.ReadFixedSize(input.Name, spec.ElementType, input.Contents ?? new InferTensorContents(), count);
        return OrtInputTensor.FromBytes(input.Name, spec.ElementType, shape, data);
    }

    /// <summary>Splits V2 raw BYTES (per element a 4-byte little-endian length, then the bytes) without copying.</summary>
    internal static IReadOnlyList<ReadOnlyMemory<byte>> ReadLengthPrefixedStrings(string inputName, ReadOnlyMemory<byte> raw, long count)
    {
        var elements = new ReadOnlyMemory<byte>[count];
        var offset = 0;
        var span = raw.Span;
        for (var i = 0; i < count; i++)
        {
            if (span.Length - offset < 4)
            {
                throw ServingException.InvalidArgument(
                    $"input '{inputName}': BYTES element {i}: expected a 4-byte length prefix at offset {offset}, got {span.Length - offset} bytes");
            }

            var length = BinaryPrimitives.ReadUInt32LittleEndian(span[offset..]);
            offset += 4;
            if (length > (uint)(span.Length - offset))
            {
                throw ServingException.InvalidArgument(
                    $"input '{inputName}': BYTES element {i}: length prefix {length} exceeds the {span.Length - offset} bytes left");
            }

            elements[i] = raw.Slice(offset, (int)length);
            offset += (int)length;
        }

        if (offset != span.Length)
        {
            throw ServingException.InvalidArgument(
                $"input '{inputName}': BYTES raw content: expected {offset} bytes for {count} elements, got {span.Length}");
        }

        return elements;
    }

    private static List<string> OutputNames(ModelInferRequest request, ModelSignature signature)
    {
        var names = new List<string>(request.Outputs.Count == 0 ? signature.Outputs.Count : request.Outputs.Count);
        if (request.Outputs.Count == 0)
        {
            foreach (var output in signature.Outputs)
            {
                names.Add(output.Name);
            }

            return names;
        }

        foreach (var requested in request.Outputs)
        {
            if (signature.FindOutput(requested.Name) is null)
            {
                throw ServingException.InvalidArgument(
                    $"unknown output '{requested.Name}': the model's outputs are {string.Join(", ", signature.Outputs.Select(s => s.Name))}");
            }

            if (names.Contains(requested.Name))
            {
                throw ServingException.InvalidArgument($"output '{requested.Name}' is requested more than once");
            }

            names.Add(requested.Name);
        }

        return names;
    }

    private static bool RawOutput(ModelInferRequest request) =>
        !request.Parameters.TryGetValue(RawOutputParameter, out var p)
        || p.ParameterChoiceCase != InferParameter.ParameterChoiceOneofCase.BoolParam
        || p.BoolParam;

    private static string Quote(string datatype) => datatype.Length == 0 ? "(empty)" : datatype;
}
