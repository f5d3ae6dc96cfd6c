using System.Diagnostics;
using System.Runtime.InteropServices;
using ModelMesh.Benchmarks.Common;
using ModelMesh.Contracts.Inference;
using Grpc.Core;

namespace ModelMesh.Benchmarks.LoadSpread;

/// <summary>
/// Runs one round on one cluster: registers every burst file under a new id (<c>r{round}-m{i}</c>; untimed), releases
/// all first requests at once through an awaited gate (blocked pool threads would release the burst one thread at a
/// time), times each to its answer, checks its output, counts the copies per silo, then unregisters the ids (which
/// unloads the copies), so each round starts from empty silos.
/// </summary>
public static class BurstRunner
{
    public static async Task<BurstRound> RunAsync(SpreadCluster cluster, IReadOnlyList<BurstModel> models, int round, CancellationToken cancellationToken)
    {
        var prefix = $"r{round}-";
        var ids = models.Select((_, i) => $"{prefix}m{i:D3}").ToArray();
        for (var i = 0; i < models.Count; i++)
        {
            await cluster.Client.RegisterModelAsync(ids[i], new Uri(models[i].Path).AbsoluteUri, cancellationToken: cancellationToken);
        }

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var latencies = new double[models.Count];
        var outcomes = new (double Error, string? Failure)[models.Count];
        long released = 0;
        var requests = models.Select(async (model, i) =>
        {
            var request = GeneratedMlp.Request(ids[i]).InferRequest;
            await gate.Task;
            try
            {
                var response = await cluster.Client.InferAsync(request, cancellationToken: cancellationToken);
                latencies[i] = Stopwatch.GetElapsedTime(Volatile.Read(ref released)).TotalMilliseconds;
                outcomes[i] = (model.MaxError(Floats(response)), null);
            }
            catch (RpcException e)
            {
                latencies[i] = Stopwatch.GetElapsedTime(Volatile.Read(ref released)).TotalMilliseconds;
                outcomes[i] = (double.NaN, $"{e.StatusCode}: {e.Status.Detail}");
            }
        }).ToArray();
        Volatile.Write(ref released, Stopwatch.GetTimestamp());
        gate.SetResult();
        await Task.WhenAll(requests);
        var makespan = Stopwatch.GetElapsedTime(released).TotalMilliseconds;

        var loads = cluster.CopiesPerSilo(prefix);
        foreach (var id in ids)
        {
            await cluster.Client.UnregisterModelAsync(id, cancellationToken: cancellationToken);
        }

        // Unloading may finish after the call returns; the next round should start on empty silos.
        for (var wait = 0; wait < 100 && cluster.CopiesPerSilo(prefix).Sum() > 0; wait++)
        {
            await Task.Delay(50, cancellationToken);
        }

        var failures = outcomes.Where(o => o.Failure is not null).ToList();
        var errors = outcomes.Where(o => o.Failure is null).Select(o => o.Error).ToList();
        return new BurstRound(
            cluster.Mode, round, makespan, Percentiles.Of(latencies), loads, failures.Count,
            errors.Count(e => !(e <= BurstRound.Tolerance)), errors.Count == 0 ? double.NaN : errors.Max(), failures.FirstOrDefault().Failure);
    }

    private static float[] Floats(ModelInferResponse response) =>
        response.RawOutputContents.Count == 1 && response.Outputs.Count == 1 && response.Outputs[0].Shape.SequenceEqual([1L, GeneratedMlp.Outputs])
            ? MemoryMarshal.Cast<byte, float>(response.RawOutputContents[0].Span).ToArray()
            : [];
}
