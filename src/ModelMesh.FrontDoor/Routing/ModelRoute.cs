using System.Collections.Concurrent;
using ModelMesh.Registry;

namespace ModelMesh.FrontDoor.Routing;

/// <summary>What the front door knows of one model's copies, plus its local traffic counters.</summary>
public sealed class ModelRoute
{
    private long _requests;

    /// <summary>The model's copy records as last read from the registry (replaced whole, never mutated).</summary>
    public IReadOnlyList<CopyRecord> Copies { get; set; } = [];

    /// <summary>Counts the registry's replacements of <see cref="Copies"/> (under the route's lock).</summary>
    public long CopiesVersion { get; set; }

    public ConcurrentDictionary<string, CopyStats> Stats { get; } = new(StringComparer.Ordinal);

    /// <summary>Silos whose load of this model failed recently, with when.</summary>
    public ConcurrentDictionary<string, DateTimeOffset> FailedOn { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset LastScaleUp { get; set; } = DateTimeOffset.MinValue;

    public RequestRateWindow Rate { get; } = new();

    public long Requests => Interlocked.Read(ref _requests);

    public CopyStats StatsFor(string siloId) => Stats.GetOrAdd(siloId, _ => new CopyStats());

    public void CountRequest() => Interlocked.Increment(ref _requests);
}
