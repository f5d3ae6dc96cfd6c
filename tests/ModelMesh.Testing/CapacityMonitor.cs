using System.Collections.Concurrent;

namespace ModelMesh.Testing;

/// <summary>
/// Samples every running silo's own memory ledger (and, less often, the cluster status the front door
/// publishes) in the background and records every device seen above its capacity (invariant 5).
/// </summary>
public sealed class CapacityMonitor : IAsyncDisposable
{
    private readonly TestCluster _cluster;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly Task _loop;
    private long _samples;

    private CapacityMonitor(TestCluster cluster)
    {
        _cluster = cluster;
        _loop = Task.Run(RunAsync);
    }

    public IReadOnlyList<string> Violations => [.. _violations];

    public long Samples => Interlocked.Read(ref _samples);

    /// <summary>The largest used/capacity ratio seen on any device.</summary>
    public double PeakUtilisation { get; private set; }

    public static CapacityMonitor Start(TestCluster cluster) => new(cluster);

    private async Task RunAsync()
    {
        var tick = 0;
        while (!_stop.IsCancellationRequested)
        {
            foreach (var silo in _cluster.Silos)
            {
                foreach (var device in silo.Cache.Devices())
                {
                    Check($"{silo.SiloId} (ledger)", device.Name, device.UsedBytes, device.CapacityBytes);
                }
            }

            if (tick++ % 10 == 0)
            {
                try
                {
                    var status = await _cluster.Client.GetClusterStatusAsync(TimeSpan.FromSeconds(10), _stop.Token);
                    foreach (var silo in status.Silos)
                    {
                        foreach (var device in silo.Devices)
                        {
                            Check($"{silo.Id} (cluster status)", device.Name, device.UsedBytes, device.CapacityBytes);
                        }
                    }
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    break;
                }
            }

            Interlocked.Increment(ref _samples);
            try
            {
                await Task.Delay(20, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private void Check(string silo, string device, long used, long capacity)
    {
        if (capacity > 0)
        {
            PeakUtilisation = Math.Max(PeakUtilisation, (double)used / capacity);
        }

        if (used > capacity)
        {
            _violations.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {silo} {device}: used {used} > capacity {capacity}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is OperationCanceledException or global::Grpc.Core.RpcException)
        {
        }

        _stop.Dispose();
    }
}
