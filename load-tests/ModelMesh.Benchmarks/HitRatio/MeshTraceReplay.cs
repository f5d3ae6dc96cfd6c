using System.Diagnostics;
using ModelMesh.Benchmarks.Common;
using ModelMesh.Client;
using ModelMesh.Contracts.Inference;
using Grpc.Core;
using ModelMesh.Host.Roles;
using ModelMesh.Placement;
using ModelMesh.Placement.Simulation;
using ModelMesh.Silo.Mesh;

namespace ModelMesh.Benchmarks.HitRatio;

/// <summary>
/// Replays a trace, one request at a time, through the front door of a fresh dev cluster whose silos together hold
/// the given capacity (churn guard off, so the silos evict like plain LRU). A request is a miss when a new
/// (non-spare) copy of its model appeared on some silo while it ran, i.e. it triggered a load; otherwise it found
/// a loaded copy and is a hit. The silos' own load/eviction events are counted alongside as a cross-check.
/// </summary>
public static class MeshTraceReplay
{
    public static async Task<MeshRow> RunAsync(
        double s, int silos, IReadOnlyList<TraceRequest> trace, IReadOnlyDictionary<string, string> files, long totalFileBytes, long capacity,
        TextWriter progress, CancellationToken cancellationToken)
    {
        var capture = new LoadEventCapture();
        await using var cluster = await DevCluster.StartAsync(
            new DevClusterOptions
            {
                Silos = silos,
                GrpcPort = 0,
                HttpPort = 0,
                SiloCapacityBytes = capacity / silos,
                Cache = new CacheOptions { ChurnGuard = TimeSpan.Zero },
            },
            capture.Configure, cancellationToken);
        using var client = ModelMeshClient.Connect($"127.0.0.1:{cluster.FrontDoor.GrpcPort}");
        var requests = new Dictionary<string, ModelInferRequest>(StringComparer.Ordinal);
        foreach (var (id, path) in files)
        {
            await client.RegisterModelAsync(id, new Uri(path).AbsoluteUri, cancellationToken: cancellationToken);
            requests[id] = GeneratedMlp.Request(id).InferRequest;
        }

        long hits = 0, misses = 0, failed = 0;
        var hitMs = new List<double>();
        var missMs = new List<double>();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < trace.Count; i++)
        {
            var id = trace[i].ModelId;
            var before = CopiesOf(cluster, id).ToHashSet();
            var start = Stopwatch.GetTimestamp();
            try
            {
                await client.InferAsync(requests[id], cancellationToken: cancellationToken);
            }
            catch (RpcException e)
            {
                failed++;
                if (failed <= 5)
                {
                    progress.WriteLine($"  request {i} ({id}) failed: {e.StatusCode} {e.Status.Detail}");
                }
            }

            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (CopiesOf(cluster, id).Any(c => !before.Contains(c)))
            {
                misses++;
                missMs.Add(ms);
            }
            else
            {
                hits++;
                hitMs.Add(ms);
            }

            if ((i + 1) % 1000 == 0)
            {
                progress.WriteLine($"    s={s} silos={silos}: {i + 1}/{trace.Count} requests, hit ratio so far {(double)hits / (i + 1):F3}, silo loads {capture.Loads}");
            }
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var accounted = capture.LoadedBytes.ToDictionary(p => p.Key, p => (long)Percentiles.Of(p.Value.Select(b => (double)b)).Median, StringComparer.Ordinal);
        var fileSized = trace.ToArray();
        var lruFile = new LruCacheSimulator().Run(fileSized, capacity).HitRatio;
        var beladyFile = new BeladyCacheSimulator().Run(fileSized, capacity).HitRatio;
        var (lruAccounted, beladyAccounted) = TraceSimulation.Resized(trace, accounted, capacity);
        var distinct = trace.Select(r => r.ModelId).Distinct(StringComparer.Ordinal).ToList();
        return new MeshRow(
            s, silos, files.Count, trace.Count, distinct.Count, capacity, totalFileBytes, distinct.Sum(d => accounted.GetValueOrDefault(d)),
            hits, misses, failed, capture.Loads, Math.Max(0, capture.Loads - misses), capture.Evictions,
            Percentiles.Of(hitMs).Median, Percentiles.Of(missMs).Median, seconds, lruFile, beladyFile, lruAccounted, beladyAccounted);
    }

    private static IEnumerable<ModelMesh.Orleans.Cache.CopyEntry> CopiesOf(DevCluster cluster, string modelId) =>
        cluster.Silos.SelectMany(s => s.Cache.Copies()).Where(c => c.ModelId == modelId);
}
