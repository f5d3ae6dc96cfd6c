namespace ModelMesh.Storage.Config;

/// <summary>
/// <c>{"type": "http", "url", "headers": {"Name": "value" | ["v1", "v2"]}}</c>: headers sent with every download
/// from an http(s):// storage URI (e.g. Authorization). <see cref="Url"/> is the base that a resource's relative
/// storage path is joined to (the Kubernetes controller builds the full URI from it). Header values are secrets.
/// </summary>
public sealed class HttpStorageEntry(string key) : StorageEntry(key)
{
    public override string Type => "http";

    public Uri? Url { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    protected override IEnumerable<string?> SecretValues => Headers.Values.SelectMany(v => v);
}
