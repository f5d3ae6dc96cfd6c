using ModelMesh.Contracts.Inference;
using ModelMesh.Onnx;

namespace ModelMesh.Serving;

/// <summary>Builds the V2 ModelMetadata answer from a model's signature.</summary>
public static class ModelMetadataBuilder
{
    public const string Platform = "onnxruntime_onnx";

    public static ModelMetadataResponse Build(string name, IEnumerable<string> versions, ModelSignature signature)
    {
        var response = new ModelMetadataResponse { Name = name, Platform = Platform };
        response.Versions.AddRange(versions);
        foreach (var input in signature.Inputs)
        {
            response.Inputs.Add(TensorMetadata(input));
        }

        foreach (var output in signature.Outputs)
        {
            response.Outputs.Add(TensorMetadata(output));
        }

        return response;
    }

    public static ModelMetadataResponse Build(string name, string version, ModelSignature signature) => Build(name, [version], signature);

    private static ModelMetadataResponse.Types.TensorMetadata TensorMetadata(OrtTensorInfo info)
    {
        var metadata = new ModelMetadataResponse.Types.TensorMetadata
        {
            Name = info.Name,
            Datatype = TensorElementTypes.ToV2Datatype(info.ElementType) ?? info.ElementType.ToString(),
        };
        metadata.Shape.AddRange(info.Shape);
        return metadata;
    }
}
