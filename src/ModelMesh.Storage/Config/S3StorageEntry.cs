namespace ModelMesh.Storage.Config;

/// <summary>
/// <c>{"type": "s3", "access_key_id", "secret_access_key", "endpoint_url", "region", "default_bucket"}</c> (ModelMesh's
/// fields; KServe's <c>bucket</c> is read as the default bucket too). With an endpoint_url the server is addressed
/// path-style (S3-compatible servers); without one, AWS in <see cref="Region"/>. No keys: anonymous requests.
/// </summary>
public sealed class S3StorageEntry(string key) : StorageEntry(key)
{
    public override string Type => "s3";

    public string? AccessKeyId { get; init; }

    public string? SecretAccessKey { get; init; }

    public Uri? EndpointUrl { get; init; }

    public string Region { get; init; } = "us-east-1";

    public string? DefaultBucket { get; init; }

    protected override IEnumerable<string?> SecretValues => [SecretAccessKey, AccessKeyId];
}
