using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using ModelMesh.Storage.Config;

namespace ModelMesh.Storage.Stores;

/// <summary>
/// s3:// downloads with AWSSDK.S3, one client per storage-config entry. An entry with an endpoint_url talks to an
/// S3-compatible server path-style (ForcePathStyle); the SDK's own retries are off: the fetcher retries with its backoff.
/// A single-part object's ETag is its MD5 (not under SSE-KMS or SSE-C, nor for multipart uploads: their ETags have a '-').
/// </summary>
internal sealed class S3ObjectStore : IObjectStore, IDisposable
{
    private readonly ConcurrentDictionary<string, AmazonS3Client> _clients = new(StringComparer.Ordinal);

    public async Task<RemoteObject> OpenAsync(ModelSource source, CancellationToken cancellationToken)
    {
        var entry = (S3StorageEntry)source.Entry!;
        var client = _clients.GetOrAdd(entry.Key, _ => Create(entry));
        var request = new GetObjectRequest { BucketName = source.Container, Key = source.Location.Path };
        GetObjectResponse response;
        try
        {
            response = await client.GetObjectAsync(request, cancellationToken);
        }
        catch (AmazonServiceException e) when (e.StatusCode != 0)
        {
            var status = (int)e.StatusCode;
            throw new ModelDownloadException(
                entry.Redact($"S3 GetObject s3://{source.Container}/{source.Location.Path} ({Key(entry)}) answered {status} {e.ErrorCode}: {e.Message}"),
                HttpStatusClassifier.IsTransient(status), null);
        }
        catch (Exception e) when ((e is AmazonClientException || HttpStatusClassifier.IsTransientException(e)) && !cancellationToken.IsCancellationRequested)
        {
            throw new ModelDownloadException(
                entry.Redact($"S3 GetObject s3://{source.Container}/{source.Location.Path} ({Key(entry)}) failed: {e.Message}"), transient: true, null);
        }

        var encrypted = response.ServerSideEncryptionMethod is { } sse && sse != ServerSideEncryptionMethod.None && sse != ServerSideEncryptionMethod.AES256;
        var customerKey = response.ServerSideEncryptionCustomerMethod is { } ssec && ssec != ServerSideEncryptionCustomerMethod.None;
        var md5 = encrypted || customerKey ? null : HttpStatusClassifier.Md5FromHex(response.ETag);
        return new RemoteObject(response.ResponseStream, response.ContentLength, md5, response.ETag, response);
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    private static string Key(S3StorageEntry entry) => $"storage key '{entry.Key}'";

    private static AmazonS3Client Create(S3StorageEntry entry)
    {
        var config = new AmazonS3Config { MaxErrorRetry = 0 };
        if (entry.EndpointUrl is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.ForcePathStyle = true;
            config.AuthenticationRegion = entry.Region;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(entry.Region);
        }

        AWSCredentials credentials = entry.AccessKeyId is { } id
            ? new BasicAWSCredentials(id, entry.SecretAccessKey)
            : new AnonymousAWSCredentials();
        return new AmazonS3Client(credentials, config);
    }
}
