using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ModelMesh.Registry;

namespace ModelMesh.Silo.Mesh;

/// <summary>
/// Writes this silo's copy records to the registry in the order the cache changed them (registry
/// invariant 1: only the silo writes its copies), and clears its load claims when loads end (invariant 4). A write that fails marks the publisher dirty; the
/// membership loop then republishes the whole cache once the registry answers again.
/// </summary>
public sealed partial class CopyPublisher : IAsyncDisposable
{
    private readonly IMeshRegistry _registry;
    private readonly SiloIdentity _identity;
    private readonly ILogger<CopyPublisher> _logger;
    private readonly Channel<PublishItem> _queue = Channel.CreateUnbounded<PublishItem>(new() { SingleReader = true });
    private readonly Task _worker;
    private int _dirty;

    public CopyPublisher(IMeshRegistry registry, SiloIdentity identity, ILogger<CopyPublisher> logger)
    {
        _registry = registry;
        _identity = identity;
        _logger = logger;
        _worker = Task.Run(RunAsync);
    }

    /// <summary>True when a write failed since the last full republish.</summary>
    public bool IsDirty => Volatile.Read(ref _dirty) == 1;

    public void Put(CopyRecord record) => _queue.Writer.TryWrite(new PublishItem(record.ModelId, record, null));

    public void Remove(string modelId) => _queue.Writer.TryWrite(new PublishItem(modelId, null, null));

    /// <summary>Clears this silo's load claim on the model once its load has ended (invariant 4).</summary>
    public void ReleaseClaim(string modelId) => _queue.Writer.TryWrite(new PublishItem(modelId, null, null, ReleaseClaim: true));

    /// <summary>Clears the dirty flag; the caller then republishes every copy it holds.</summary>
    public bool TakeDirty() => Interlocked.Exchange(ref _dirty, 0) == 1;

    /// <summary>Waits until every queued write has been attempted (tests, drain).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new PublishItem("", null, done)))
        {
            return;
        }

        await done.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        await foreach (var (modelId, record, flush, releaseClaim) in _queue.Reader.ReadAllAsync())
        {
            if (flush is not null)
            {
                flush.TrySetResult();
                continue;
            }

            try
            {
                if (releaseClaim)
                {
                    await _registry.ReleaseLoadClaimAsync(modelId, _identity.SiloId, _identity.Epoch);
                }
                else if (record is null)
                {
                    await _registry.RemoveCopyAsync(modelId, _identity.SiloId, _identity.Epoch);
                }
                else
                {
                    await _registry.PutCopyAsync(record);
                }
            }
            catch (Exception e) when (e is RegistryUnavailableException or TimeoutException or IOException)
            {
                Interlocked.Exchange(ref _dirty, 1);
                LogPublishFailed(_logger, modelId, e.Message);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _worker;
    }

    private sealed record PublishItem(string ModelId, CopyRecord? Record, TaskCompletionSource? Flush, bool ReleaseClaim = false);

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Could not publish the copy record of {Model}: {Error}; will republish")]
    private static partial void LogPublishFailed(ILogger logger, string model, string error);
}
