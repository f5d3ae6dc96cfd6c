using System.Net.Http.Headers;
using ModelMesh.Storage.Config;

namespace ModelMesh.Storage.Stores;

/// <summary>http(s):// downloads with HttpClient; the storage-config entry's headers (e.g. Authorization) go with the request.</summary>
internal sealed class HttpObjectStore(HttpClient client) : IObjectStore
{
    public async Task<RemoteObject> OpenAsync(ModelSource source, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, source.Location.Uri);
        if (source.Entry is HttpStorageEntry entry)
        {
            foreach (var (name, values) in entry.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, values);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception e) when (HttpStatusClassifier.IsTransientException(e) && !cancellationToken.IsCancellationRequested)
        {
            throw new ModelDownloadException($"GET {source.Display} failed: {e.Message}", transient: true, e);
        }

        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new ModelDownloadException(
                $"GET {source.Display} answered {status} {response.ReasonPhrase}", HttpStatusClassifier.IsTransient(status));
        }

        var content = response.Content.Headers;
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return new RemoteObject(stream, content.ContentLength, content.ContentMD5, ETag(response.Headers.ETag), response);
    }

    private static string? ETag(EntityTagHeaderValue? etag) => etag?.Tag;
}
