using System.Collections.Concurrent;
using System.Diagnostics;
using ModelMesh.Client;
using Grpc.Core;

namespace ModelMesh.ClusterTests.Fixtures;

/// <summary>
/// Several concurrent clients (each with its own channel to the front door) sending <c>simple</c> requests to a
/// set of model ids, each call with a 30 s deadline, until stopped; every answer is checked. Records every
/// failure (status and detail) and the worst latency.
/// </summary>
internal sealed class LoadDriver : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stop = new();
    private readonly List<ModelMeshClient> _clients = [];
    private readonly List<Task> _workers = [];
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _succeeded;
    private long _worstTicks;

    private LoadDriver()
    {
    }

    public long Succeeded => Interlocked.Read(ref _succeeded);

    public IReadOnlyCollection<string> Failures => _failures;

    public TimeSpan WorstLatency => TimeSpan.FromTicks(Interlocked.Read(ref _worstTicks));

    public static LoadDriver Start(string endpoint, IReadOnlyList<string> models, int clients)
    {
        var driver = new LoadDriver();
        for (var c = 0; c < clients; c++)
        {
            var client = ModelMeshClient.Connect(endpoint);
            driver._clients.Add(client);
            var worker = c;
            driver._workers.Add(Task.Run(() => driver.RunAsync(client, models, worker)));
        }

        return driver;
    }

    /// <summary>Waits until at least <paramref name="more"/> further requests have succeeded (bounded).</summary>
    public async Task WaitForSuccessesAsync(long more, TimeSpan timeout)
    {
        var target = Succeeded + more;
        var deadline = DateTime.UtcNow + timeout;
        while (Succeeded < target && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(Succeeded >= target, $"only {Succeeded} of {target} requests succeeded within {timeout}; failures: {string.Join("\n", Failures.Take(5))}");
    }

    /// <summary>Stops sending and waits for the requests in flight (each bounded by its 30 s deadline).</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    public string Summary() => $"{Succeeded} succeeded, {Failures.Count} failed, worst latency {WorstLatency.TotalMilliseconds:0} ms";

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _stop.Dispose();
    }

    private async Task RunAsync(ModelMeshClient client, IReadOnlyList<string> models, int worker)
    {
        for (var n = 0; !_stop.IsCancellationRequested; n++)
        {
            var model = models[(worker + n) % models.Count];
            var seed = (worker * 1_000_000) + n;
            var started = _clock.Elapsed;
            try
            {
                // Not cancelled by Stop: a request once sent runs to its answer or its deadline.
                var response = await client.InferAsync(TestModels.SimpleRequest(model, seed), Deadline);
                var latency = _clock.Elapsed - started;
                if (TestModels.CheckSimple(response, seed) is { } wrong)
                {
                    _failures.Enqueue($"{At(started)} {model}: wrong answer: {wrong}");
                    continue;
                }

                Interlocked.Increment(ref _succeeded);
                var ticks = latency.Ticks;
                long worst;
                while (ticks > (worst = Interlocked.Read(ref _worstTicks)) && Interlocked.CompareExchange(ref _worstTicks, ticks, worst) != worst)
                {
                }
            }
            catch (RpcException e)
            {
                _failures.Enqueue($"{At(started)} {model}: {e.StatusCode}: {e.Status.Detail} (after {(_clock.Elapsed - started).TotalMilliseconds:0} ms)");
                await Task.Delay(50); // do not spin on a persistent failure
            }
            catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException)
            {
                _failures.Enqueue($"{At(started)} {model}: {e.GetType().Name}: {e.Message}");
                await Task.Delay(50);
            }
        }
    }

    private static string At(TimeSpan t) => $"[t={t.TotalSeconds:0.000}s]";
}
