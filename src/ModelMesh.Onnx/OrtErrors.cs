using Ort = Microsoft.ML.OnnxRuntime;

namespace ModelMesh.Onnx;

/// <summary>
/// Turns the package's <see cref="Ort.OnnxRuntimeException"/> into an <see cref="OrtException"/> with ORT's error code.
/// The package (1.32) keeps the native OrtErrorCode nowhere but in the tag it writes in front of every message,
/// "[ErrorCode:Name] ", where Name is its own enum's name for the code's number (its enum stops at 12 and names
/// 11 and 12 after retired codes; the numbers are ORT's). The tag is read here, once, and nowhere else; the
/// remaining text is ORT's own message.
/// </summary>
internal static class OrtErrors
{
    private const string TagStart = "[ErrorCode:";
    private const string TagEnd = "] ";

    /// <summary>The package's names, indexed by ORT's code number.</summary>
    private static readonly string[] PackageNames =
    [
        "Ok", "Fail", "InvalidArgument", "NoSuchFile", "NoModel", "EngineError", "RuntimeException",
        "InvalidProtobuf", "ModelLoaded", "NotImplemented", "InvalidGraph",
        "ShapeInferenceNotRegistered", // ORT_EP_FAIL
        "RequirementNotRegistered", // ORT_MODEL_LOAD_CANCELED
    ];

    public static OrtException From(Ort.OnnxRuntimeException error)
    {
        var message = error.Message;
        if (!message.StartsWith(TagStart, StringComparison.Ordinal))
        {
            return new OrtException(OrtErrorCode.Fail, message, error);
        }

        var end = message.IndexOf(TagEnd, TagStart.Length, StringComparison.Ordinal);
        if (end < 0)
        {
            return new OrtException(OrtErrorCode.Fail, message, error);
        }

        var name = message.AsSpan(TagStart.Length, end - TagStart.Length);
        var code = OrtErrorCode.Fail;
        for (var i = 0; i < PackageNames.Length; i++)
        {
            if (name.SequenceEqual(PackageNames[i]))
            {
                code = (OrtErrorCode)i;
                break;
            }
        }

        return new OrtException(code, message[(end + TagEnd.Length)..], error);
    }
}
