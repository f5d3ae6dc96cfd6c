namespace ModelMesh.Onnx;

/// <summary>An error reported by ONNX Runtime (with its error code) or by this library on its behalf.</summary>
public sealed class OrtException : Exception
{
    public OrtException()
        : this(OrtErrorCode.Fail, "ONNX Runtime error.")
    {
    }

    public OrtException(string message)
        : this(OrtErrorCode.Fail, message)
    {
    }

    public OrtException(string message, Exception innerException)
        : this(OrtErrorCode.Fail, message, innerException)
    {
    }

    public OrtException(OrtErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    public OrtException(OrtErrorCode code, string message, Exception? innerException)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>The ORT error code (InvalidArgument for bad inputs, NoSuchFile / InvalidProtobuf for bad models...).</summary>
    public OrtErrorCode Code { get; }
}
