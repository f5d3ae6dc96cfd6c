namespace ModelMesh.Registry;

/// <summary>
/// A registered model: immutable once registered. Re-registering the same id succeeds only with identical
/// attributes (<see cref="SameAttributes"/>); <see cref="RegisteredAt"/> is not an attribute.
/// </summary>
public sealed record ModelRecord
{
    public required string ModelId { get; init; }

    /// <summary>Model format; "onnx" today.</summary>
    public string Format { get; init; } = "onnx";

    /// <summary>Where the model lives, e.g. <c>file:///models/mlp/model.onnx</c> (a file or a folder holding model.onnx).</summary>
    public required string StorageUri { get; init; }

    /// <summary>Name of a storage credential entry (later: the storage-config secret).</summary>
    public string? StorageKey { get; init; }

    public string? Version { get; init; }

    /// <summary>Size hint from the registrant in bytes; 0 when unknown (the silo predicts one).</summary>
    public long SizeHintBytes { get; init; }

    /// <summary>Device class the model must run on: "cpu" or "gpu".</summary>
    public string DeviceClass { get; init; } = "cpu";

    /// <summary>Silo labels the model requires (all must match).</summary>
    public IReadOnlyDictionary<string, string> RequiredLabels { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset RegisteredAt { get; init; }

    public bool SameAttributes(ModelRecord other) =>
        ModelId == other.ModelId
        && Format == other.Format
        && StorageUri == other.StorageUri
        && StorageKey == other.StorageKey
        && Version == other.Version
        && SizeHintBytes == other.SizeHintBytes
        && DeviceClass == other.DeviceClass
        && RequiredLabels.Count == other.RequiredLabels.Count
        && RequiredLabels.All(kv => other.RequiredLabels.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
