namespace ModelMesh.Onnx.Interop;

/// <summary>
/// Positions of the functions we call in ORT's OrtApi table (the member order of struct OrtApi in
/// onnxruntime_c_api.h, append-only across releases; checked against libonnxruntime 1.30.0).
/// </summary>
internal static class OrtApiIndex
{
    public const int GetErrorCode = 1;
    public const int GetErrorMessage = 2;
    public const int CreateSession = 7;
    public const int CreateSessionFromArray = 8;
    public const int Run = 9;
    public const int CreateSessionOptions = 10;
    public const int SetSessionGraphOptimizationLevel = 23;
    public const int SessionGetInputCount = 30;
    public const int SessionGetOutputCount = 31;
    public const int SessionGetInputTypeInfo = 33;
    public const int SessionGetOutputTypeInfo = 34;
    public const int SessionGetInputName = 36;
    public const int SessionGetOutputName = 37;
    public const int CreateRunOptions = 39;
    public const int RunOptionsSetTerminate = 46;
    public const int CreateTensorAsOrtValue = 48;
    public const int CreateTensorWithDataAsOrtValue = 49;
    public const int GetTensorMutableData = 51;
    public const int FillStringTensor = 52;
    public const int GetStringTensorDataLength = 53;
    public const int GetStringTensorContent = 54;
    public const int CastTypeInfoToTensorInfo = 55;
    public const int GetOnnxTypeFromTypeInfo = 56;
    public const int GetTensorElementType = 60;
    public const int GetDimensionsCount = 61;
    public const int GetDimensions = 62;
    public const int GetTensorShapeElementCount = 64;
    public const int GetTensorTypeAndShape = 65;
    public const int GetValueType = 67;
    public const int CreateCpuMemoryInfo = 69;
    public const int AllocatorFree = 76;
    public const int GetAllocatorWithDefaultOptions = 78;
    public const int ReleaseEnv = 92;
    public const int ReleaseStatus = 93;
    public const int ReleaseMemoryInfo = 94;
    public const int ReleaseSession = 95;
    public const int ReleaseValue = 96;
    public const int ReleaseRunOptions = 97;
    public const int ReleaseTypeInfo = 98;
    public const int ReleaseTensorTypeAndShapeInfo = 99;
    public const int ReleaseSessionOptions = 100;
    public const int CreateEnvWithGlobalThreadPools = 119;
    public const int DisablePerSessionThreads = 120;
    public const int CreateThreadingOptions = 121;
    public const int ReleaseThreadingOptions = 122;
    public const int GetAvailableProviders = 125;
    public const int ReleaseAvailableProviders = 126;
    public const int SetGlobalIntraOpNumThreads = 147;
    public const int SetGlobalInterOpNumThreads = 148;
    public const int SetGlobalSpinControl = 149;
    public const int SessionOptionsAppendExecutionProviderCudaV2 = 204;
    public const int CreateCudaProviderOptions = 205;
    public const int UpdateCudaProviderOptions = 206;
    public const int ReleaseCudaProviderOptions = 208;
    public const int GetBuildInfoString = 254;
}
