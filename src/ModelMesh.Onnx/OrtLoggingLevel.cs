namespace ModelMesh.Onnx;

/// <summary>ORT's OrtLoggingLevel: the lowest severity the native library writes to stderr.</summary>
public enum OrtLoggingLevel
{
    Verbose = 0,
    Info = 1,
    Warning = 2,
    Error = 3,
    Fatal = 4,
}
