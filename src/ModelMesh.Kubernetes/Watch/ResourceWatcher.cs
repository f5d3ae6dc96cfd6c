using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging;
using ModelMesh.Kubernetes.Resources;

namespace ModelMesh.Kubernetes.Watch;

/// <summary>
/// List + watch of one resource kind in the namespace, as an informer does. Invariant: the cache holds every object
/// at least as new as the last resourceVersion the watch resumed from. A watch that ends (timeout, dropped connection)
/// resumes from the last resourceVersion seen (events and bookmarks); <c>410 Gone</c> (as an ERROR event or as the
/// response to the watch request) means that version is compacted away, so the kind is listed again and resources
/// missing from the new list count as deleted.
/// </summary>
internal sealed partial class ResourceWatcher(
    IKubernetes kubernetes, ResourceKind kind, ResourceCache cache, WorkQueue queue, KubernetesControllerOptions options,
    TimeProvider time, ILogger logger, Action<ResourceKind> listed)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        string? resourceVersion = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                resourceVersion ??= await ListAsync(cancellationToken);
                resourceVersion = await WatchAsync(resourceVersion, cancellationToken);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Gone)
            {
                Log.Gone(logger, kind.Kind, resourceVersion ?? "");
                resourceVersion = null;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpOperationException or HttpRequestException or IOException or JsonException or KubernetesException or k8s.Exceptions.KubernetesClientException)
            {
                Log.WatchFailed(logger, kind.Kind, e.Message);
                await Task.Delay(options.ErrorBackoff, time, cancellationToken);
            }
        }
    }

    private async Task<string> ListAsync(CancellationToken cancellationToken)
    {
        var list = (JsonElement)await kubernetes.CustomObjects.ListNamespacedCustomObjectAsync(
            ResourceKind.Group, kind.Version, options.Namespace, kind.Plural, cancellationToken: cancellationToken);
        var items = list.GetProperty("items").EnumerateArray().Select(item => KubeResource.From(kind, item)).ToList();
        var version = list.GetProperty("metadata").GetProperty("resourceVersion").GetString() ?? "";
        foreach (var key in cache.Replace(kind, items))
        {
            queue.Add(key);
        }

        Log.Listed(logger, kind.Kind, items.Count, version);
        listed(kind);
        return version;
    }

    /// <summary>Applies watch events until the stream ends; the version to resume from, or null to list again (410 Gone).</summary>
    private async Task<string?> WatchAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        var gone = false;
        Exception? failure = null;
        var events = kubernetes.CustomObjects.WatchListNamespacedCustomObjectAsync(
            ResourceKind.Group, kind.Version, options.Namespace, kind.Plural,
            allowWatchBookmarks: true, resourceVersion: resourceVersion, timeoutSeconds: (int)Math.Max(1, options.WatchTimeout.TotalSeconds),
            onError: e =>
            {
                if (e is KubernetesException { Status.Code: (int)HttpStatusCode.Gone })
                {
                    gone = true;
                }
                else
                {
                    failure = e;
                }
            },
            cancellationToken: cancellationToken);
        await foreach (var (type, obj) in events)
        {
            var element = (JsonElement)obj;
            if (type == WatchEventType.Bookmark)
            {
                resourceVersion = element.GetProperty("metadata").GetProperty("resourceVersion").GetString() ?? resourceVersion;
                continue;
            }

            var resource = KubeResource.From(kind, element);
            resourceVersion = resource.ResourceVersion;
            if (type == WatchEventType.Deleted)
            {
                cache.Delete(resource);
            }
            else
            {
                cache.Upsert(resource);
            }

            queue.Add(resource.Key);
        }

        if (gone)
        {
            Log.Gone(logger, kind.Kind, resourceVersion);
            return null;
        }

        if (failure is not null)
        {
            Log.WatchFailed(logger, kind.Kind, failure.Message);
            await Task.Delay(options.ErrorBackoff, time, cancellationToken);
        }

        return resourceVersion;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 800, Level = LogLevel.Information, Message = "listed {Count} {Kind} at resourceVersion {ResourceVersion}")]
        public static partial void Listed(ILogger logger, string kind, int count, string resourceVersion);

        [LoggerMessage(EventId = 801, Level = LogLevel.Information, Message = "{Kind} watch from resourceVersion {ResourceVersion}: 410 Gone, listing again")]
        public static partial void Gone(ILogger logger, string kind, string resourceVersion);

        [LoggerMessage(EventId = 802, Level = LogLevel.Warning, Message = "{Kind} list/watch failed, retrying: {Error}")]
        public static partial void WatchFailed(ILogger logger, string kind, string error);
    }
}
