using System.Threading.Channels;
using ModelMesh.Kubernetes.Resources;

namespace ModelMesh.Kubernetes.Watch;

/// <summary>Keys to reconcile, each queued at most once at a time (a burst of events for one resource is one reconcile).</summary>
internal sealed class WorkQueue(TimeProvider time)
{
    private readonly Channel<ResourceKey> _channel = Channel.CreateUnbounded<ResourceKey>();
    private readonly HashSet<ResourceKey> _queued = [];
    private readonly Lock _lock = new();

    public void Add(ResourceKey key)
    {
        lock (_lock)
        {
            if (_queued.Add(key))
            {
                _channel.Writer.TryWrite(key);
            }
        }
    }

    /// <summary>Adds <paramref name="key"/> after <paramref name="delay"/> (on the injected clock) unless cancelled first.</summary>
    public void AddAfter(ResourceKey key, TimeSpan delay, CancellationToken cancellationToken) => _ = AddLaterAsync(key, delay, cancellationToken);

    public async ValueTask<ResourceKey> TakeAsync(CancellationToken cancellationToken)
    {
        var key = await _channel.Reader.ReadAsync(cancellationToken);
        lock (_lock)
        {
            _queued.Remove(key);
        }

        return key;
    }

    private async Task AddLaterAsync(ResourceKey key, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
            Add(key);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
