using System.Diagnostics;
using ModelMesh.Client;

namespace ModelMesh.LoadGen.Mesh;

/// <summary>
/// Reads GET cluster (management API) about once a second and diffs the models each silo holds: a model appearing on a
/// silo counts as a load seen, one disappearing from a silo that is still there as an eviction (or unload) seen, a silo
/// that vanishes as a silo lost. Polling misses a load and eviction that both happen between two reads, so these are
/// lower bounds; it works against any cluster. Also keeps a per-second series of loaded copies and silos.
/// </summary>
public sealed class ClusterPoller(ModelMeshClient client)
{
    private readonly List<ClusterSample> _samples = [];
    private Dictionary<string, HashSet<string>>? _last;

    public long LoadsSeen { get; private set; }

    public long EvictionsSeen { get; private set; }

    public long SilosLost { get; private set; }

    public long SilosJoined { get; private set; }

    public int Failures { get; private set; }

    public IReadOnlyList<ClusterSample> Samples => _samples;

    /// <summary>Polls until cancelled; <paramref name="measuredElapsed"/> stamps each sample.</summary>
    public async Task RunAsync(Func<TimeSpan> measuredElapsed, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            await PollOnceAsync(measuredElapsed(), cancellationToken);
            var wait = TimeSpan.FromSeconds(1) - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    public async Task PollOnceAsync(TimeSpan at, CancellationToken cancellationToken)
    {
        ModelMesh.Contracts.Management.ClusterStatus status;
        try
        {
            status = await client.GetClusterStatusAsync(TimeSpan.FromSeconds(5), cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            Failures++;
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var now = status.Silos.ToDictionary(s => s.Id, s => s.Models.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        if (_last is not null)
        {
            foreach (var (silo, models) in now)
            {
                if (_last.TryGetValue(silo, out var before))
                {
                    LoadsSeen += models.Count(m => !before.Contains(m));
                    EvictionsSeen += before.Count(m => !models.Contains(m));
                }
                else
                {
                    SilosJoined++;
                    LoadsSeen += models.Count;
                }
            }

            SilosLost += _last.Keys.Count(s => !now.ContainsKey(s));
        }

        _last = now;
        var used = status.Silos.Sum(s => s.Devices.Sum(d => d.UsedBytes));
        var capacity = status.Silos.Sum(s => s.Devices.Sum(d => d.CapacityBytes));
        _samples.Add(new ClusterSample(at.TotalSeconds, status.Silos.Count, now.Values.Sum(m => m.Count), used, capacity, LoadsSeen, EvictionsSeen));
    }
}

/// <summary>One read of the cluster: silos, loaded copies, bytes used and capacity, cumulative loads/evictions seen.</summary>
public sealed record ClusterSample(double AtSeconds, int Silos, int Copies, long UsedBytes, long CapacityBytes, long LoadsSeen, long EvictionsSeen);
