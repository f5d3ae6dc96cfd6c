using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelMesh.Registry;
using Orleans.Configuration;
using Orleans.Hosting;

namespace ModelMesh.Orleans.Hosting;

/// <summary>
/// Joins a silo to the mesh's Orleans cluster. Membership: Orleans' Redis membership table on the registry's server
/// (same URL, credentials and TLS), or development clustering in one process. Inside a Kubernetes pod (POD_NAME and
/// POD_NAMESPACE set) Orleans' Kubernetes hosting also runs, so a deleted pod's silo is declared dead at once. A silo
/// port of 0 becomes a free port before the silo starts; membership advertises it, so several silos on one machine
/// need no port flags. No gateway: front doors are cluster members, not external clients.
/// Failure detection is tightened (<see cref="MeshClusterOptions.ProbeTimeout"/>) so that a killed silo is declared
/// dead in seconds and the callers' retries reach a live copy (docs/orleans.md, Failures).
/// </summary>
public static class MeshClustering
{
    public static ISiloBuilder UseModelMeshCluster(this ISiloBuilder builder, MeshClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var validation = new MeshClusterOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(MeshClusterOptions.SectionName, typeof(MeshClusterOptions), validation.Failures);
        }

        if (options.SiloPort == 0)
        {
            options.SiloPort = FreePort(options.ListenOnAnyAddress ? IPAddress.Any : options.AdvertiseAddress);
        }

        builder.Services.AddSingleton(options);
        builder.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        if (!string.IsNullOrEmpty(options.SiloName))
        {
            builder.Configure<SiloOptions>(o => o.SiloName = options.SiloName);
        }

        builder.Configure<EndpointOptions>(o =>
        {
            o.AdvertisedIPAddress = options.AdvertiseAddress;
            o.SiloPort = options.SiloPort;
            o.GatewayPort = 0;
            if (options.ListenOnAnyAddress)
            {
                o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, options.SiloPort);
            }
        });
        builder.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = options.ProbeTimeout;
            o.NumMissedProbesLimit = options.MissedProbesLimit;
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
            o.TableRefreshTimeout = TimeSpan.FromSeconds(10);
            o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);
        });
        builder.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = options.ResponseTimeout);
        if (options.UsesRedis)
        {
            var redis = RedisConfiguration.For(options.Registry);
            builder.UseRedisClustering(o => o.ConfigurationOptions = redis);
        }
        else
        {
            builder.UseDevelopmentClustering(options.PrimarySiloEndpoint ?? new IPEndPoint(options.AdvertiseAddress, options.SiloPort));
        }

        if (options.Tls.Enabled)
        {
            builder.UseModelMeshTls(options.Tls);
        }

        if (InKubernetesPod())
        {
            builder.UseKubernetesHosting();
        }

        return builder;
    }

    /// <summary>The silo endpoint this silo will listen on (to hand to the other silos of a dev process as their primary).</summary>
    public static IPEndPoint SiloEndpoint(this MeshClusterOptions options) => new(options.AdvertiseAddress, options.SiloPort);

    private static bool InKubernetesPod() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("POD_NAME"))
        && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("POD_NAMESPACE"))
        && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST"));

    private static int FreePort(IPAddress bind)
    {
        using var listener = new TcpListener(bind, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
