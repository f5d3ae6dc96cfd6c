using System.Collections.Concurrent;

namespace ModelMesh.Orleans.Board;

/// <summary>
/// This silo's view of every silo's published capacity (its own included). Written by the capacity board service
/// (publications received, its own snapshot, pruning on membership changes), read by the placement director.
/// Keeps the newest publication per silo address; a silo address names one incarnation (it carries a generation),
/// so a restarted silo starts a new entry and the old one is pruned when membership declares it dead.
/// </summary>
public sealed class CapacityBoard
{
    private static readonly IReadOnlyList<(SiloCapacity Silo, CopyView Copy)> NoCopies = [];
    private readonly ConcurrentDictionary<SiloAddress, SiloCapacity> _silos = new();
    private volatile Dictionary<string, List<(SiloCapacity Silo, CopyView Copy)>>? _byModel;
    private long _version;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Put(SiloCapacity capacity)
    {
        ArgumentNullException.ThrowIfNull(capacity);
        _silos.AddOrUpdate(capacity.Silo, capacity, (_, current) => capacity.Sequence >= current.Sequence ? capacity : current);
        Changed();
    }

    /// <summary>
    /// The copies of one model on every silo (loading, loaded, recently failed), from an index rebuilt once per change of
    /// the board (a publication), not per call: the request path reads this for every request.
    /// </summary>
    public IReadOnlyList<(SiloCapacity Silo, CopyView Copy)> CopiesOf(string modelId)
    {
        var index = _byModel ?? Index();
        return index.TryGetValue(modelId, out var copies) ? copies : NoCopies;
    }

    private Dictionary<string, List<(SiloCapacity Silo, CopyView Copy)>> Index()
    {
        var version = Interlocked.Read(ref _version);
        var index = new Dictionary<string, List<(SiloCapacity Silo, CopyView Copy)>>(StringComparer.Ordinal);
        foreach (var silo in _silos.Values)
        {
            foreach (var copy in silo.Copies)
            {
                (index.TryGetValue(copy.ModelId, out var list) ? list : index[copy.ModelId] = []).Add((silo, copy));
            }
        }

        if (Interlocked.Read(ref _version) == version)
        {
            _byModel = index; // kept only when no publication arrived during the rebuild
        }

        return index;
    }

    private void Changed()
    {
        Interlocked.Increment(ref _version);
        _byModel = null;
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>
    /// Waits until <paramref name="shown"/> holds for this board (checked now and after every publication or prune), or
    /// <paramref name="timeout"/> passes: a management call that changed copies answers once its own member's view shows
    /// the change, so the status, list and cluster reads that follow it agree with it. False on timeout.
    /// </summary>
    public async Task<bool> WaitUntilAsync(Func<CapacityBoard, bool> shown, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shown);
        using var timer = new CancellationTokenSource(timeout, time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        while (true)
        {
            var next = Volatile.Read(ref _changed).Task;
            if (shown(this))
            {
                return true;
            }

            try
            {
                await next.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return shown(this);
            }
        }
    }

    public bool TryGet(SiloAddress silo, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SiloCapacity? capacity) =>
        _silos.TryGetValue(silo, out capacity);

    /// <summary>Drops every silo not in <paramref name="alive"/>.</summary>
    public void Prune(IReadOnlySet<SiloAddress> alive)
    {
        foreach (var silo in _silos.Keys)
        {
            if (!alive.Contains(silo))
            {
                _silos.TryRemove(silo, out _);
                Changed();
            }
        }
    }

    public IReadOnlyList<SiloCapacity> Snapshot() => [.. _silos.Values];
}
