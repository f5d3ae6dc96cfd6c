namespace ModelMesh.Onnx;

/// <summary>Element sizes and the mapping between ONNX element types and KServe V2 datatype strings.</summary>
public static class TensorElementTypes
{
    /// <summary>Bytes per element; 0 for <see cref="TensorElementType.String"/> (variable) and unknown types.</summary>
    public static int SizeOf(TensorElementType type) => type switch
    {
        TensorElementType.Bool or TensorElementType.UInt8 or TensorElementType.Int8 => 1,
        TensorElementType.UInt16 or TensorElementType.Int16 or TensorElementType.Float16 or TensorElementType.BFloat16 => 2,
        TensorElementType.Float or TensorElementType.Int32 or TensorElementType.UInt32 => 4,
        TensorElementType.Double or TensorElementType.Int64 or TensorElementType.UInt64 or TensorElementType.Complex64 => 8,
        TensorElementType.Complex128 => 16,
        _ => 0,
    };

    /// <summary>The V2 datatype ("FP32", "BYTES", ...) or null when V2 has none (complex types, undefined).</summary>
    public static string? ToV2Datatype(TensorElementType type) => type switch
    {
        TensorElementType.Bool => "BOOL",
        TensorElementType.UInt8 => "UINT8",
        TensorElementType.UInt16 => "UINT16",
        TensorElementType.UInt32 => "UINT32",
        TensorElementType.UInt64 => "UINT64",
        TensorElementType.Int8 => "INT8",
        TensorElementType.Int16 => "INT16",
        TensorElementType.Int32 => "INT32",
        TensorElementType.Int64 => "INT64",
        TensorElementType.Float16 => "FP16",
        TensorElementType.BFloat16 => "BF16",
        TensorElementType.Float => "FP32",
        TensorElementType.Double => "FP64",
        TensorElementType.String => "BYTES",
        _ => null,
    };

    /// <summary>The element type for a V2 datatype (exact, upper-case match); Undefined when unknown.</summary>
    public static TensorElementType FromV2Datatype(string datatype) => datatype switch
    {
        "BOOL" => TensorElementType.Bool,
        "UINT8" => TensorElementType.UInt8,
        "UINT16" => TensorElementType.UInt16,
        "UINT32" => TensorElementType.UInt32,
        "UINT64" => TensorElementType.UInt64,
        "INT8" => TensorElementType.Int8,
        "INT16" => TensorElementType.Int16,
        "INT32" => TensorElementType.Int32,
        "INT64" => TensorElementType.Int64,
        "FP16" => TensorElementType.Float16,
        "BF16" => TensorElementType.BFloat16,
        "FP32" => TensorElementType.Float,
        "FP64" => TensorElementType.Double,
        "BYTES" => TensorElementType.String,
        _ => TensorElementType.Undefined,
    };

    /// <summary>Every element type that has a V2 datatype, in V2's documentation order.</summary>
    public static IReadOnlyList<TensorElementType> V2Types { get; } =
    [
        TensorElementType.Bool, TensorElementType.UInt8, TensorElementType.UInt16, TensorElementType.UInt32,
        TensorElementType.UInt64, TensorElementType.Int8, TensorElementType.Int16, TensorElementType.Int32,
        TensorElementType.Int64, TensorElementType.Float16, TensorElementType.BFloat16, TensorElementType.Float,
        TensorElementType.Double, TensorElementType.String,
    ];
}
