namespace ModelMesh.Onnx.Interop;

/// <summary>OrtValue creation and inspection, type and shape information.</summary>
internal sealed unsafe partial class OrtApi
{
    /// <summary>ONNX_TYPE_TENSOR in ORT's ONNXType enum.</summary>
    public const int OnnxTypeTensor = 1;

    /// <summary>Wraps caller memory as a tensor without copying; the memory must stay valid until the value is released.</summary>
    public OrtValueHandle CreateTensorWithData(OrtMemoryInfoHandle memoryInfo, void* data, long byteCount, long* shape, int rank, TensorElementType type)
    {
        nint value;
        Check(((delegate* unmanaged[Cdecl]<nint, void*, nuint, long*, nuint, int, nint*, nint>)table[OrtApiIndex.CreateTensorWithDataAsOrtValue])(
            memoryInfo.DangerousGetHandle(), data, (nuint)byteCount, shape, (nuint)rank, (int)type, &value));
        return OrtHandle.Wrap<OrtValueHandle>(value);
    }

    /// <summary>Creates a tensor whose memory ORT allocates (used for string tensors).</summary>
    public OrtValueHandle CreateTensor(nint allocator, long* shape, int rank, TensorElementType type)
    {
        nint value;
        Check(((delegate* unmanaged[Cdecl]<nint, long*, nuint, int, nint*, nint>)table[OrtApiIndex.CreateTensorAsOrtValue])(
            allocator, shape, (nuint)rank, (int)type, &value));
        return OrtHandle.Wrap<OrtValueHandle>(value);
    }

    /// <summary>Copies <paramref name="count"/> NUL-terminated strings into a string tensor.</summary>
    public void FillStringTensor(nint value, byte** strings, int count) =>
        Check(((delegate* unmanaged[Cdecl]<nint, byte**, nuint, nint>)table[OrtApiIndex.FillStringTensor])(value, strings, (nuint)count));

    public void* GetTensorMutableData(nint value)
    {
        void* data;
        Check(((delegate* unmanaged[Cdecl]<nint, void**, nint>)table[OrtApiIndex.GetTensorMutableData])(value, &data));
        return data;
    }

    public long GetStringTensorDataLength(nint value)
    {
        nuint length;
        Check(((delegate* unmanaged[Cdecl]<nint, nuint*, nint>)table[OrtApiIndex.GetStringTensorDataLength])(value, &length));
        return (long)length;
    }

    /// <summary>Copies all strings, concatenated without terminators, and their start offsets.</summary>
    public void GetStringTensorContent(nint value, byte* buffer, long bufferLength, nuint* offsets, long offsetCount) =>
        Check(((delegate* unmanaged[Cdecl]<nint, byte*, nuint, nuint*, nuint, nint>)table[OrtApiIndex.GetStringTensorContent])(
            value, buffer, (nuint)bufferLength, offsets, (nuint)offsetCount));

    public int GetValueType(nint value)
    {
        int type;
        Check(((delegate* unmanaged[Cdecl]<nint, int*, nint>)table[OrtApiIndex.GetValueType])(value, &type));
        return type;
    }

    public OrtTensorTypeAndShapeInfoHandle GetTensorTypeAndShape(nint value)
    {
        nint info;
        Check(((delegate* unmanaged[Cdecl]<nint, nint*, nint>)table[OrtApiIndex.GetTensorTypeAndShape])(value, &info));
        return OrtHandle.Wrap<OrtTensorTypeAndShapeInfoHandle>(info);
    }

    public int GetOnnxTypeFromTypeInfo(OrtTypeInfoHandle typeInfo)
    {
        int type;
        Check(((delegate* unmanaged[Cdecl]<nint, int*, nint>)table[OrtApiIndex.GetOnnxTypeFromTypeInfo])(typeInfo.DangerousGetHandle(), &type));
        return type;
    }

    /// <summary>The tensor view of a type info; owned by the type info, never released on its own.</summary>
    public nint CastTypeInfoToTensorInfo(OrtTypeInfoHandle typeInfo)
    {
        nint info;
        Check(((delegate* unmanaged[Cdecl]<nint, nint*, nint>)table[OrtApiIndex.CastTypeInfoToTensorInfo])(typeInfo.DangerousGetHandle(), &info));
        return info;
    }

    public TensorElementType GetTensorElementType(nint tensorInfo)
    {
        int type;
        Check(((delegate* unmanaged[Cdecl]<nint, int*, nint>)table[OrtApiIndex.GetTensorElementType])(tensorInfo, &type));
        return (TensorElementType)type;
    }

    public long[] GetDimensions(nint tensorInfo)
    {
        nuint rank;
        Check(((delegate* unmanaged[Cdecl]<nint, nuint*, nint>)table[OrtApiIndex.GetDimensionsCount])(tensorInfo, &rank));
        var dims = new long[(int)rank];
        fixed (long* dimsPointer = dims)
        {
            Check(((delegate* unmanaged[Cdecl]<nint, long*, nuint, nint>)table[OrtApiIndex.GetDimensions])(tensorInfo, dimsPointer, rank));
        }

        return dims;
    }

    public long GetTensorShapeElementCount(nint tensorInfo)
    {
        nuint count;
        Check(((delegate* unmanaged[Cdecl]<nint, nuint*, nint>)table[OrtApiIndex.GetTensorShapeElementCount])(tensorInfo, &count));
        return (long)count;
    }
}
