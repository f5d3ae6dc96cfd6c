namespace ModelMesh.Registry.Resp;

/// <summary>RESP2 reply types, by their first byte on the wire.</summary>
public enum RespType
{
    /// <summary><c>+OK\r\n</c></summary>
    SimpleString,

    /// <summary><c>-ERR message\r\n</c></summary>
    Error,

    /// <summary><c>:42\r\n</c></summary>
    Integer,

    /// <summary><c>$5\r\nhello\r\n</c>; <c>$-1\r\n</c> is the null bulk string.</summary>
    BulkString,

    /// <summary><c>*2\r\n...</c>; <c>*-1\r\n</c> is the null array.</summary>
    Array,
}
