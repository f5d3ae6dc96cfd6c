using ModelMesh.Contracts.Inference;
using ModelMesh.Onnx;
using ModelMesh.Serving;

namespace ModelMesh.FrontDoor;

/// <summary>A model signature rebuilt from V2 metadata (the front door has no ONNX session of its own).</summary>
public static class MetadataSignature
{
    public static ModelSignature From(ModelMetadataResponse metadata) => new(
        [.. metadata.Inputs.Select(Info)],
        [.. metadata.Outputs.Select(Info)]);

    private static OrtTensorInfo Info(ModelMetadataResponse.Types.TensorMetadata t) =>
        new(t.Name, TensorElementTypes.FromV2Datatype(t.Datatype), [.. t.Shape]);
}
