using Ort = Microsoft.ML.OnnxRuntime;

namespace ModelMesh.Onnx;

/// <summary>Names, element types and shapes of a session's inputs or outputs, from the package's metadata.</summary>
internal static class OrtSessionMetadata
{
    public static OrtTensorInfo[] Read(IReadOnlyList<string> names, IReadOnlyDictionary<string, Ort.NodeMetadata> metadata)
    {
        var infos = new OrtTensorInfo[names.Count];
        for (var i = 0; i < infos.Length; i++)
        {
            var name = names[i];
            var node = metadata[name];
            infos[i] = node.OnnxValueType == Ort.OnnxValueType.ONNX_TYPE_TENSOR
                ? new OrtTensorInfo(name, (TensorElementType)(int)node.ElementDataType, Array.ConvertAll(node.Dimensions, d => (long)d))

                // Sequences, maps and optionals have no tensor type; V2 cannot carry them either.
                : new OrtTensorInfo(name, TensorElementType.Undefined, []);
        }

        return infos;
    }
}
