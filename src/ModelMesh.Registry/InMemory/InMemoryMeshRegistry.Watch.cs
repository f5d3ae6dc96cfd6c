using System.Runtime.CompilerServices;

namespace ModelMesh.Registry;

/// <summary>
/// Snapshot and change stream (invariant 7). The snapshot's position is read before the state, under the
/// same lock, so a watcher starting there misses nothing; events are hints and may repeat what it saw.
/// </summary>
public sealed partial class InMemoryMeshRegistry
{
    public Task<RegistrySnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var position = _events.LastPosition;
            return Task.FromResult(new RegistrySnapshot([.. _models.Values], [.. _vmodels.Values], position));
        }
    }

    public async IAsyncEnumerable<RegistryEvent> WatchAsync(string position, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!InMemoryEventLog.TryParsePosition(position, out var after))
        {
            throw new RegistryStreamGapException(position);
        }

        var batch = new List<(long Seq, RegistryEvent Event)>();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            batch.Clear();
            var changed = _events.ReadAfter(after, position, batch);
            foreach (var (seq, evt) in batch)
            {
                after = seq;
                position = evt.Id;
                yield return evt;
            }

            if (batch.Count == 0)
            {
                await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
