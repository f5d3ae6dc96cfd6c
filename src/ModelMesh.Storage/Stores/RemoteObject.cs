namespace ModelMesh.Storage.Stores;

/// <summary>An object being read: its content stream and what the store says about it (size, MD5, ETag) for verification.</summary>
internal sealed class RemoteObject(Stream content, long? length, byte[]? md5, string? etag, IDisposable? owner = null) : IAsyncDisposable
{
    public Stream Content { get; } = content;

    /// <summary>Bytes the store announced; null when it did not say (chunked HTTP).</summary>
    public long? Length { get; } = length;

    /// <summary>The object's MD5 when the store gives one (S3 single-part ETag, Azure Content-MD5, HTTP Content-MD5).</summary>
    public byte[]? Md5 { get; } = md5;

    public string? ETag { get; } = etag;

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync();
        owner?.Dispose();
    }
}
