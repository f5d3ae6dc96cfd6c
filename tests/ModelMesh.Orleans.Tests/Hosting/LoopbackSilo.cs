using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelMesh.Testing;
using ModelMesh.Testing.Ports;
using Orleans.Hosting;

namespace ModelMesh.Orleans.Tests.Hosting;

/// <summary>
/// A silo in its own generic host on real loopback TCP (development clustering: the primary silo keeps the membership
/// table, others join it by its silo endpoint), with free ports. Not TestingHost's in-memory transport: what travels
/// between two of these goes through sockets, so TLS is really on the wire.
/// </summary>
internal sealed class LoopbackSilo : IAsyncDisposable
{
    private bool _started;

    private LoopbackSilo(IHost host, IPEndPoint siloEndpoint, int gatewayPort)
    {
        Host = host;
        SiloEndpoint = siloEndpoint;
        GatewayPort = gatewayPort;
    }

    public IHost Host { get; }

    public IPEndPoint SiloEndpoint { get; }

    public int GatewayPort { get; }

    public IServiceProvider Services => Host.Services;

    public IGrainFactory Grains => Host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>
    /// Waits until this silo's membership view shows <paramref name="count"/> active silos: a grain placed before a joining
    /// silo is in every view can be re-created on it when the directory's ranges move.
    /// </summary>
    public Task WaitForActiveSilosAsync(int count) =>
        Eventually.Until(
            () => Host.Services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active) >= count,
            TimeSpan.FromSeconds(30), $"{count} active silos");

    public string Address => Host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();

    /// <summary>Builds (does not start) a silo of cluster <paramref name="clusterId"/>; <paramref name="primary"/> null = this one is the primary.</summary>
    public static LoopbackSilo Build(string clusterId, IPEndPoint? primary, Action<ISiloBuilder>? configure = null)
    {
        var siloPort = ListenPort.Next();
        var gatewayPort = ListenPort.Next();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, primary, serviceId: "modelmesh-tests", clusterId: clusterId);
            configure?.Invoke(silo);
        });
        return new LoopbackSilo(builder.Build(), new IPEndPoint(IPAddress.Loopback, siloPort), gatewayPort);
    }

    public static async Task<LoopbackSilo> StartAsync(string clusterId, IPEndPoint? primary, Action<ISiloBuilder>? configure = null)
    {
        var silo = Build(clusterId, primary, configure);
        try
        {
            await silo.StartAsync();
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }

        return silo;
    }

    public async Task StartAsync()
    {
        await Host.StartAsync();
        _started = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_started)
        {
            Host.Dispose(); // a silo that failed to start cannot be stopped (Orleans refuses: "not in the Running state")
            return;
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await Host.StopAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            // stopping took too long; the host is disposed anyway
        }

        Host.Dispose();
    }
}
