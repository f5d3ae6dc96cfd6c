using System.Text.Json;
using Google.Protobuf.Collections;
using ModelMesh.Contracts.Inference;

namespace ModelMesh.Serving.Json;

/// <summary>
/// Writes the V2 REST bodies: infer responses (flat "data" per output; NaN and infinities as the strings
/// "NaN", "Infinity", "-Infinity"; BYTES as UTF-8 strings, or base64 with "binary_data_encoding" when an
/// element is not UTF-8), model and server metadata, and the repository index.
/// </summary>
public static class V2JsonResponseWriter
{
    /// <summary>Throws <see cref="ServingException"/> (INTERNAL), before writing anything, if an output's data does not match its shape.</summary>
    public static void Write(Utf8JsonWriter writer, ModelInferResponse response)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(response);
        var outputs = OutputTensorReader.ForResponse(response);

        writer.WriteStartObject();
        writer.WriteString("model_name"u8, response.ModelName);
        if (response.ModelVersion.Length > 0)
        {
            writer.WriteString("model_version"u8, response.ModelVersion);
        }

        if (response.Id.Length > 0)
        {
            writer.WriteString("id"u8, response.Id);
        }

        if (response.Parameters.Count > 0)
        {
            writer.WritePropertyName("parameters"u8);
            InferParametersJson.Write(writer, response.Parameters);
        }

        writer.WriteStartArray("outputs"u8);
        foreach (var output in outputs)
        {
            WriteOutput(writer, output);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteOutput(Utf8JsonWriter writer, OutputTensorReader output)
    {
        var tensor = output.Tensor;
        writer.WriteStartObject();
        writer.WriteString("name"u8, tensor.Name);
        writer.WriteString("datatype"u8, tensor.Datatype);
        WriteShape(writer, tensor.Shape);
        if (tensor.Parameters.Count > 0 || output.HasNonUtf8Bytes)
        {
            writer.WriteStartObject("parameters"u8);
            foreach (var (name, parameter) in tensor.Parameters)
            {
                if (!(output.HasNonUtf8Bytes && name == "binary_data_encoding"))
                {
                    writer.WritePropertyName(name);
                    InferParametersJson.WriteValue(writer, parameter);
                }
            }

            if (output.HasNonUtf8Bytes)
            {
                writer.WriteString("binary_data_encoding"u8, "base64"u8);
            }

            writer.WriteEndObject();
        }

        writer.WriteStartArray("data"u8);
        output.WriteNext(writer, output.ElementCount, BytesElementStyle.Base64WholeTensor);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void WriteModelMetadata(Utf8JsonWriter writer, ModelMetadataResponse metadata)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(metadata);
        writer.WriteStartObject();
        writer.WriteString("name"u8, metadata.Name);
        writer.WriteStartArray("versions"u8);
        foreach (string version in metadata.Versions)
        {
            writer.WriteStringValue(version);
        }

        writer.WriteEndArray();
        writer.WriteString("platform"u8, metadata.Platform);
        WriteTensorMetadata(writer, "inputs"u8, metadata.Inputs);
        WriteTensorMetadata(writer, "outputs"u8, metadata.Outputs);
        writer.WriteEndObject();
    }

    public static void WriteServerMetadata(Utf8JsonWriter writer, ServerMetadataResponse metadata)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(metadata);
        writer.WriteStartObject();
        writer.WriteString("name"u8, metadata.Name);
        writer.WriteString("version"u8, metadata.Version);
        writer.WriteStartArray("extensions"u8);
        foreach (string extension in metadata.Extensions)
        {
            writer.WriteStringValue(extension);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Triton's form: a JSON array of <c>{"name","version"?,"state","reason"?}</c>.</summary>
    public static void WriteRepositoryIndex(Utf8JsonWriter writer, RepositoryIndexResponse index)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(index);
        writer.WriteStartArray();
        foreach (var model in index.Models)
        {
            writer.WriteStartObject();
            writer.WriteString("name"u8, model.Name);
            if (model.Version.Length > 0)
            {
                writer.WriteString("version"u8, model.Version);
            }

            writer.WriteString("state"u8, model.State);
            if (model.Reason.Length > 0)
            {
                writer.WriteString("reason"u8, model.Reason);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteTensorMetadata(
        Utf8JsonWriter writer, ReadOnlySpan<byte> property, RepeatedField<ModelMetadataResponse.Types.TensorMetadata> tensors)
    {
        writer.WriteStartArray(property);
        foreach (var tensor in tensors)
        {
            writer.WriteStartObject();
            writer.WriteString("name"u8, tensor.Name);
            writer.WriteString("datatype"u8, tensor.Datatype);
            WriteShape(writer, tensor.Shape);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteShape(Utf8JsonWriter writer, RepeatedField<long> shape)
    {
        writer.WriteStartArray("shape"u8);
        foreach (long dim in shape)
        {
            writer.WriteNumberValue(dim);
        }

        writer.WriteEndArray();
    }
}
