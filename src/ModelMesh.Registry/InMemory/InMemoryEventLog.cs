using System.Globalization;

namespace ModelMesh.Registry;

/// <summary>
/// The in-memory change stream: a bounded list of events with decimal sequence ids ("1", "2"...).
/// Keeps invariant 7 honest: a position that was trimmed away, that lies in the future (another registry's
/// position) or that does not parse is reported as a gap, so the watcher resyncs instead of missing events.
/// Position "" or "0" means "from the beginning", which is a gap too once anything has been trimmed.
/// </summary>
internal sealed class InMemoryEventLog(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Queue<(long Seq, RegistryEvent Event)> _events = new();
    private long _lastSeq;
    private long _lastTrimmedSeq;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string LastPosition
    {
        get
        {
            lock (_gate)
            {
                return _lastSeq.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    public void Append(RegistryEventKind kind, string key)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _lastSeq++;
            _events.Enqueue((_lastSeq, new RegistryEvent(_lastSeq.ToString(CultureInfo.InvariantCulture), kind, key)));
            while (_events.Count > Math.Max(1, capacity))
            {
                _lastTrimmedSeq = _events.Dequeue().Seq;
            }

            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>Parses a position; false when it is not one of ours.</summary>
    public static bool TryParsePosition(string? position, out long seq)
    {
        if (string.IsNullOrEmpty(position))
        {
            seq = 0;
            return true;
        }

        return long.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out seq);
    }

    /// <summary>
    /// Copies the events after <paramref name="afterSeq"/> into <paramref name="into"/>; when there are none,
    /// returns a task that completes at the next append. Throws <see cref="RegistryStreamGapException"/> on a gap.
    /// </summary>
    public Task ReadAfter(long afterSeq, string position, List<(long Seq, RegistryEvent Event)> into)
    {
        lock (_gate)
        {
            if (afterSeq < _lastTrimmedSeq || afterSeq > _lastSeq)
            {
                throw new RegistryStreamGapException(position);
            }

            foreach (var entry in _events)
            {
                if (entry.Seq > afterSeq)
                {
                    into.Add(entry);
                }
            }

            return into.Count == 0 ? _changed.Task : Task.CompletedTask;
        }
    }
}
