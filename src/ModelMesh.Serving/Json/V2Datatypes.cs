namespace ModelMesh.Serving.Json;

/// <summary>
/// The V2 datatype strings ("BOOL", "UINT8" ... "FP64", "BYTES") and the size of one element of each
/// in raw (little-endian, row-major) tensor contents.
/// </summary>
public static class V2Datatypes
{
    /// <summary>Bytes per element: 0 for BYTES (variable, length-prefixed), -1 for an unknown datatype.</summary>
    public static int ElementSize(string datatype) =>
        TryParse(datatype, out var type) ? ElementSize(type) : -1;

    public static bool IsKnown(string datatype) => TryParse(datatype, out _);

    internal static bool TryParse(string datatype, out V2ElementType type)
    {
        switch (datatype)
        {
            case "BOOL": type = V2ElementType.Bool; return true;
            case "UINT8": type = V2ElementType.UInt8; return true;
            case "UINT16": type = V2ElementType.UInt16; return true;
            case "UINT32": type = V2ElementType.UInt32; return true;
            case "UINT64": type = V2ElementType.UInt64; return true;
            case "INT8": type = V2ElementType.Int8; return true;
            case "INT16": type = V2ElementType.Int16; return true;
            case "INT32": type = V2ElementType.Int32; return true;
            case "INT64": type = V2ElementType.Int64; return true;
            case "FP16": type = V2ElementType.FP16; return true;
            case "BF16": type = V2ElementType.BF16; return true;
            case "FP32": type = V2ElementType.FP32; return true;
            case "FP64": type = V2ElementType.FP64; return true;
            case "BYTES": type = V2ElementType.Bytes; return true;
            default: type = default; return false;
        }
    }

    internal static int ElementSize(V2ElementType type) => type switch
    {
        V2ElementType.Bool or V2ElementType.UInt8 or V2ElementType.Int8 => 1,
        V2ElementType.UInt16 or V2ElementType.Int16 or V2ElementType.FP16 or V2ElementType.BF16 => 2,
        V2ElementType.UInt32 or V2ElementType.Int32 or V2ElementType.FP32 => 4,
        V2ElementType.UInt64 or V2ElementType.Int64 or V2ElementType.FP64 => 8,
        _ => 0,
    };

    internal static string Name(V2ElementType type) => type switch
    {
        V2ElementType.Bool => "BOOL",
        V2ElementType.UInt8 => "UINT8",
        V2ElementType.UInt16 => "UINT16",
        V2ElementType.UInt32 => "UINT32",
        V2ElementType.UInt64 => "UINT64",
        V2ElementType.Int8 => "INT8",
        V2ElementType.Int16 => "INT16",
        V2ElementType.Int32 => "INT32",
        V2ElementType.Int64 => "INT64",
        V2ElementType.FP16 => "FP16",
        V2ElementType.BF16 => "BF16",
        V2ElementType.FP32 => "FP32",
        V2ElementType.FP64 => "FP64",
        _ => "BYTES",
    };
}
