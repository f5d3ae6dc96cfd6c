using System.Collections;

namespace ModelMesh.Grpc;

/// <summary>
/// Custom call metadata: request headers, response headers, trailers. Keys are lower-cased and
/// must match <c>[0-9a-z_.-]+</c>; keys ending in <c>-bin</c> carry binary values (base64 on the wire).
/// </summary>
public sealed class Metadata : IEnumerable<Metadata.Entry>
{
    private readonly List<Entry> _entries = [];

    public int Count => _entries.Count;

    public Entry this[int index] => _entries[index];

    /// <summary>Adds an ASCII entry; the value must be printable ASCII (0x20-0x7E).</summary>
    public void Add(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var normalized = MetadataKey.Normalize(key);
        if (MetadataKey.IsBinary(normalized))
        {
            throw new ArgumentException($"Metadata key '{normalized}' ends with '-bin' and needs a byte[] value.", nameof(key));
        }

        if (!MetadataKey.IsValidAsciiValue(value))
        {
            throw new ArgumentException($"Metadata value for '{normalized}' must be printable ASCII (0x20-0x7E).", nameof(value));
        }

        _entries.Add(new Entry(normalized, value, null));
    }

    /// <summary>Adds a binary entry; the key must end with <c>-bin</c>.</summary>
    public void Add(string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var normalized = MetadataKey.Normalize(key);
        if (!MetadataKey.IsBinary(normalized))
        {
            throw new ArgumentException($"Metadata key '{normalized}' must end with '-bin' to carry a byte[] value.", nameof(key));
        }

        _entries.Add(new Entry(normalized, null, value));
    }

    /// <summary>The first ASCII value with this key, or null.</summary>
    public string? GetValue(string key)
    {
        foreach (var entry in _entries)
        {
            if (entry.Value is not null && string.Equals(entry.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return entry.Value;
            }
        }

        return null;
    }

    /// <summary>The first binary value with this key, or null.</summary>
    public byte[]? GetValueBytes(string key)
    {
        foreach (var entry in _entries)
        {
            if (entry.ValueBytes is not null && string.Equals(entry.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return entry.ValueBytes;
            }
        }

        return null;
    }

    /// <summary>Adds an entry received from a peer, without validation (peers may send any field-value).</summary>
    internal void AddReceived(Entry entry) => _entries.Add(entry);

    public List<Entry>.Enumerator GetEnumerator() => _entries.GetEnumerator();

    IEnumerator<Entry> IEnumerable<Entry>.GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _entries.GetEnumerator();

    /// <summary>One metadata entry: either <see cref="Value"/> (ASCII) or <see cref="ValueBytes"/> (binary) is set.</summary>
    public sealed record Entry(string Key, string? Value, byte[]? ValueBytes)
    {
        public bool IsBinary => ValueBytes is not null;
    }
}
