namespace ModelMesh.Metrics;

/// <summary>The gRPC status code names (as ModelMesh's <c>code</c> label spells them), by numeric code.</summary>
public static class GrpcCodeNames
{
    private static readonly string[] Names =
    [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
        "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED",
        "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    ];

    public static string Of(int code) => code >= 0 && code < Names.Length ? Names[code] : "UNKNOWN";
}
