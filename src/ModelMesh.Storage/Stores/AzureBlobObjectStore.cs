using System.Collections.Concurrent;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ModelMesh.Storage.Config;

namespace ModelMesh.Storage.Stores;

/// <summary>
/// Azure Blob downloads with Azure.Storage.Blobs: a connection string, or an account name + key, from the storage-config
/// entry; a blob URL without an entry is read anonymously. The SDK's retries are off (the fetcher retries).
/// The blob's Content-MD5, when it has one, verifies the transfer.
/// </summary>
internal sealed class AzureBlobObjectStore : IObjectStore
{
    private readonly ConcurrentDictionary<string, BlobServiceClient> _services = new(StringComparer.Ordinal);

    public async Task<RemoteObject> OpenAsync(ModelSource source, CancellationToken cancellationToken)
    {
        var entry = source.Entry as AzureStorageEntry;
        BlobClient blob;
        try
        {
            blob = Blob(source, entry);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or UriFormatException)
        {
            throw new ModelDownloadException(Redact(entry, $"Azure blob {source.Display} cannot be addressed: {e.Message}"), transient: false);
        }

        Response<BlobDownloadStreamingResult> response;
        try
        {
            response = await blob.DownloadStreamingAsync(new BlobDownloadOptions(), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status != 0)
        {
            throw new ModelDownloadException(
                Redact(entry, $"Azure blob {source.Container}/{source.Location.Path} ({Describe(entry)}) answered {e.Status} {e.ErrorCode}: {FirstLine(e.Message)}"),
                HttpStatusClassifier.IsTransient(e.Status));
        }
        catch (Exception e) when ((e is RequestFailedException || HttpStatusClassifier.IsTransientException(e)) && !cancellationToken.IsCancellationRequested)
        {
            throw new ModelDownloadException(
                Redact(entry, $"Azure blob {source.Container}/{source.Location.Path} ({Describe(entry)}) failed: {FirstLine(e.Message)}"), transient: true);
        }

        var result = response.Value;
        var details = result.Details;
        var md5 = details.ContentHash is { Length: 16 } hash ? hash : details.BlobContentHash is { Length: 16 } blobHash ? blobHash : null;
        return new RemoteObject(result.Content, details.ContentLength, md5, details.ETag.ToString(), result);
    }

    private BlobClient Blob(ModelSource source, AzureStorageEntry? entry)
    {
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 0;
        if (entry is null)
        {
            return new BlobClient(source.Location.Uri, options);
        }

        var service = _services.GetOrAdd(entry.Key, _ =>
        {
            if (entry.ConnectionString is { } connection)
            {
                return new BlobServiceClient(connection, options);
            }

            var account = source.Location.AccountName ?? entry.AccountName!;
            var endpoint = entry.EndpointUrl ?? new Uri($"https://{account}.blob.core.windows.net");
            return entry.AccountKey is { } key
                ? new BlobServiceClient(endpoint, new StorageSharedKeyCredential(entry.AccountName!, key), options)
                : new BlobServiceClient(endpoint, options);
        });
        return service.GetBlobContainerClient(source.Container).GetBlobClient(source.Location.Path);
    }

    private static string Describe(AzureStorageEntry? entry) => entry is null ? "anonymous" : $"storage key '{entry.Key}'";

    private static string Redact(AzureStorageEntry? entry, string text) => entry?.Redact(text) ?? text;

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).Trim();
    }
}
