using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace ModelMesh.Kubernetes.StorageSecret;

/// <summary>
/// List + watch of the one <c>storage-config</c> Secret of the namespace (<c>fieldSelector=metadata.name=NAME</c>, so
/// a Role restricted to that resourceName allows it), as <see cref="Watch.ResourceWatcher"/> does for the resources:
/// resumed from the last resourceVersion, listed again on <c>410 Gone</c>. Invariant: <see cref="Current"/> is the
/// Secret as of the newest version seen (or its absence); every change calls <c>changed</c>, which re-queues the
/// resources, so a resource waiting for a key is reconciled again when the key appears. <see cref="FirstRead"/>
/// completes after the first list (or its failure), before which no resource is checked.
/// </summary>
internal sealed partial class StorageSecretWatcher(
    IKubernetes kubernetes, KubernetesControllerOptions options, TimeProvider time, ILogger logger, Action changed)
{
    private readonly TaskCompletionSource _firstRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile StorageSecretState _current = string.IsNullOrEmpty(options.StorageConfigSecret)
        ? StorageSecretState.Disabled(options.Namespace)
        : StorageSecretState.Missing(options.StorageConfigSecret, options.Namespace);

    public StorageSecretState Current => _current;

    public Task FirstRead => string.IsNullOrEmpty(options.StorageConfigSecret) ? Task.CompletedTask : _firstRead.Task;

    private string Name => options.StorageConfigSecret;

    private string FieldSelector => "metadata.name=" + Name;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Name))
        {
            return;
        }

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
                Log.Gone(logger, Name, resourceVersion ?? "");
                resourceVersion = null;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpOperationException or HttpRequestException or IOException or JsonException or KubernetesException or k8s.Exceptions.KubernetesClientException)
            {
                Log.WatchFailed(logger, Name, e.Message);
                if (resourceVersion is null)
                {
                    // Not even listed: the state is unknown, so resources with a key say why they wait.
                    Set(StorageSecretState.Unreadable(Name, options.Namespace, Reason(e)));
                }

                _firstRead.TrySetResult();
                await Task.Delay(options.ErrorBackoff, time, cancellationToken);
            }
        }
    }

    private async Task<string> ListAsync(CancellationToken cancellationToken)
    {
        using var response = await kubernetes.CoreV1.ListNamespacedSecretWithHttpMessagesAsync(
            options.Namespace, fieldSelector: FieldSelector, cancellationToken: cancellationToken);
        var secret = response.Body.Items.FirstOrDefault(s => s.Metadata?.Name == Name);
        Set(secret is null ? StorageSecretState.Missing(Name, options.Namespace) : StorageSecretState.FromSecret(secret, options.Namespace));
        _firstRead.TrySetResult();
        return response.Body.Metadata?.ResourceVersion ?? "";
    }

    /// <summary>Applies watch events until the stream ends; the version to resume from, or null to list again (410 Gone).</summary>
    private async Task<string?> WatchAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        var gone = false;
        Exception? failure = null;
        var events = kubernetes.CoreV1.WatchListNamespacedSecretAsync(
            options.Namespace, allowWatchBookmarks: true, fieldSelector: FieldSelector, resourceVersion: resourceVersion,
            timeoutSeconds: (int)Math.Max(1, options.WatchTimeout.TotalSeconds),
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
        await foreach (var (type, secret) in events)
        {
            resourceVersion = secret.Metadata?.ResourceVersion ?? resourceVersion;
            if (type == WatchEventType.Bookmark || secret.Metadata?.Name != Name)
            {
                continue;
            }

            Set(type == WatchEventType.Deleted ? StorageSecretState.Missing(Name, options.Namespace) : StorageSecretState.FromSecret(secret, options.Namespace));
        }

        if (gone)
        {
            Log.Gone(logger, Name, resourceVersion);
            return null;
        }

        if (failure is not null)
        {
            Log.WatchFailed(logger, Name, failure.Message);
            await Task.Delay(options.ErrorBackoff, time, cancellationToken);
        }

        return resourceVersion;
    }

    private void Set(StorageSecretState state)
    {
        var previous = _current;
        _current = state;
        if (previous.Version == state.Version)
        {
            return;
        }

        switch (state.Kind)
        {
            case StorageSecretState.Availability.Present:
                var keys = state.Config.Keys;
                Log.Read(logger, Name, keys.Count, keys);
                foreach (var why in state.BadEntries.Values)
                {
                    Log.BadEntry(logger, Name, why);
                }

                break;
            case StorageSecretState.Availability.Missing:
                Log.Missing(logger, Name, options.Namespace);
                break;
        }

        changed();
    }

    /// <summary>A reason for the status that holds no response body (the API server's message could echo a request).</summary>
    private static string Reason(Exception e) => e switch
    {
        HttpOperationException h => $"the API server answered {(int)h.Response.StatusCode} {h.Response.StatusCode}",
        KubernetesException k => $"the API server answered {k.Status?.Code} {k.Status?.Reason}",
        _ => e.GetType().Name,
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 840, Level = LogLevel.Information, Message = "storage-config Secret {Name}: {Count} entries ({Keys})")]
        public static partial void Read(ILogger logger, string name, int count, IReadOnlyCollection<string> keys);

        [LoggerMessage(EventId = 841, Level = LogLevel.Warning, Message = "storage-config Secret {Name}: {Error}; resources naming that key are InvalidSpec")]
        public static partial void BadEntry(ILogger logger, string name, string error);

        [LoggerMessage(EventId = 842, Level = LogLevel.Warning, Message = "storage-config Secret {Name} does not exist in namespace {Namespace}; resources with a storage key wait for it")]
        public static partial void Missing(ILogger logger, string name, string @namespace);

        [LoggerMessage(EventId = 843, Level = LogLevel.Warning, Message = "storage-config Secret {Name} list/watch failed, retrying: {Error}")]
        public static partial void WatchFailed(ILogger logger, string name, string error);

        [LoggerMessage(EventId = 844, Level = LogLevel.Information, Message = "storage-config Secret {Name} watch from resourceVersion {ResourceVersion}: 410 Gone, listing again")]
        public static partial void Gone(ILogger logger, string name, string resourceVersion);
    }
}
