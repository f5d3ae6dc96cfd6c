namespace ModelMesh.Serving.Json;

/// <summary>The element types of the V2 protocol's datatype strings (see <see cref="V2Datatypes"/>).</summary>
internal enum V2ElementType
{
    Bool,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Int8,
    Int16,
    Int32,
    Int64,
    FP16,
    BF16,
    FP32,
    FP64,
    Bytes,
}
