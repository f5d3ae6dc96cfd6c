namespace ModelMesh.Onnx.Interop;

/// <summary>Reads the names, element types and shapes of a session's inputs or outputs.</summary>
internal static class OrtSessionMetadata
{
    public static OrtTensorInfo[] Read(OrtApi api, OrtSessionHandle session, nint allocator, bool outputs)
    {
        var count = api.SessionGetCount(session, outputs);
        var infos = new OrtTensorInfo[count];
        for (var i = 0; i < count; i++)
        {
            var name = api.SessionGetName(session, outputs, i, allocator);
            using var typeInfo = api.SessionGetTypeInfo(session, outputs, i);
            if (api.GetOnnxTypeFromTypeInfo(typeInfo) != OrtApi.OnnxTypeTensor)
            {
                // Sequences, maps and optionals have no tensor type; V2 cannot carry them either.
                infos[i] = new OrtTensorInfo(name, TensorElementType.Undefined, []);
                continue;
            }

            var tensorInfo = api.CastTypeInfoToTensorInfo(typeInfo);
            infos[i] = new OrtTensorInfo(name, api.GetTensorElementType(tensorInfo), api.GetDimensions(tensorInfo));
        }

        return infos;
    }
}
