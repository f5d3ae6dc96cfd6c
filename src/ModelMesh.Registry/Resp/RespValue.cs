using System.Globalization;
using System.Text;

namespace ModelMesh.Registry.Resp;

/// <summary>One RESP reply: a simple string, an error, an integer, a bulk string (maybe null) or an array (maybe null).</summary>
public sealed class RespValue
{
    private readonly string? _text;
    private readonly byte[]? _bytes;
    private readonly RespValue[]? _items;

    private RespValue(RespType type, string? text = null, long integer = 0, byte[]? bytes = null, RespValue[]? items = null, bool isNull = false)
    {
        Type = type;
        _text = text;
        Integer = integer;
        _bytes = bytes;
        _items = items;
        IsNull = isNull;
    }

    public static RespValue NullBulk { get; } = new(RespType.BulkString, isNull: true);

    public static RespValue NullArray { get; } = new(RespType.Array, isNull: true);

    public RespType Type { get; }

    /// <summary>True for the null bulk string and the null array.</summary>
    public bool IsNull { get; }

    /// <summary>The value of an integer reply (0 otherwise).</summary>
    public long Integer { get; }

    /// <summary>The raw bytes of a bulk string (empty for null).</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes ?? ReadOnlyMemory<byte>.Empty;

    /// <summary>The elements of an array (empty for null or non-arrays).</summary>
    public IReadOnlyList<RespValue> Items => _items ?? [];

    public static RespValue Simple(string text) => new(RespType.SimpleString, text);

    public static RespValue Error(string message) => new(RespType.Error, message);

    public static RespValue FromInteger(long value) => new(RespType.Integer, integer: value);

    public static RespValue Bulk(byte[] bytes) => new(RespType.BulkString, bytes: bytes);

    public static RespValue FromArray(RespValue[] items) => new(RespType.Array, items: items);

    /// <summary>Text of a simple string, error or bulk string (UTF-8), an integer in decimal; null for nulls and arrays.</summary>
    public string? AsString() => Type switch
    {
        RespType.SimpleString or RespType.Error => _text,
        RespType.Integer => Integer.ToString(CultureInfo.InvariantCulture),
        RespType.BulkString => _bytes is null ? null : Encoding.UTF8.GetString(_bytes),
        _ => null,
    };

    /// <summary>An integer reply, or a bulk/simple string holding a decimal integer.</summary>
    public long AsInteger() => Type == RespType.Integer
        ? Integer
        : long.Parse(AsString() ?? throw new InvalidCastException("null is not an integer"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    public override string ToString() => Type switch
    {
        RespType.Array => IsNull ? "(nil array)" : $"[{string.Join(", ", Items)}]",
        RespType.Error => $"(error) {_text}",
        _ => IsNull ? "(nil)" : AsString() ?? "",
    };
}
