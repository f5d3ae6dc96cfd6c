using System.CommandLine;
using System.Net;
using ModelMesh.Host.Roles;
using ModelMesh.Metrics;
using ModelMesh.Orleans.Hosting;
using ModelMesh.Storage.Config;

namespace ModelMesh.Host.Cli;

/// <summary><c>modelmesh frontdoor</c>: a stateless front door, a member of the mesh's Orleans cluster with no model capacity; run any number.</summary>
public static class FrontDoorCommand
{
    public static Command Create()
    {
        var registry = RoleOptions.Registry("");
        registry.Required = true;
        var grpcPort = new Option<int>("--grpc-port") { Description = "V2 + management gRPC port", DefaultValueFactory = _ => 8033 };
        var httpPort = new Option<int>("--http-port") { Description = "REST port (V2, V1, management)", DefaultValueFactory = _ => 8008 };
        var metricsPort = new Option<int>("--metrics-port") { Description = "Prometheus /metrics port (0 = any free port, -1 = off)", DefaultValueFactory = _ => 2112 };
        var id = new Option<string?>("--id") { Description = "Name of this front door in the cluster (default frontdoor-<host>-<pid>)" };
        var siloPort = new Option<int>("--silo-port") { Description = "Orleans silo-to-silo port (0 = any free port, advertised through membership)", DefaultValueFactory = _ => 0 };
        var bindAll = RoleOptions.BindAll();
        var perModelMetrics = RoleOptions.PerModelMetrics();
        var command = new Command("frontdoor", "Run a front door: V2 and management APIs, routing to silos")
        {
            registry, grpcPort, httpPort, metricsPort, id, siloPort, bindAll, perModelMetrics,
        };
        var storage = StorageFlags.AddTo(command, loadsModels: false);
        var tls = ClusterTlsFlags.AddTo(command);
        var logging = LoggingOptions.AddTo(command);
        var otlpEndpoint = TracingOptions.Add(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!await RoleOptions.SettingsUsableAsync())
            {
                return 2;
            }

            StorageConfig storageConfig;
            try
            {
                storageConfig = storage.Read(parse).Config;
            }
            catch (FormatException e)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message);
                return 2;
            }

            if (await RoleOptions.ConnectRegistryAsync(parse.GetValue(registry)!, cancellationToken) is not { } mesh)
            {
                return 3;
            }

            await using (mesh)
            {
                var bind = parse.GetValue(bindAll) ? IPAddress.Any : IPAddress.Loopback;
                var metrics = MeshMetrics.Create(new MeshMetricsOptions { PerModel = parse.GetValue(perModelMetrics) });
                await using var frontDoor = await FrontDoorHost.StartAsync(mesh, bind, parse.GetValue(grpcPort), parse.GetValue(httpPort),
                    logging: logging.Logging(parse), metricsPort: RoleOptions.MetricsPort(parse.GetValue(metricsPort)), metrics: metrics,
                    otlpEndpoint: TracingOptions.Endpoint(parse, otlpEndpoint), storageConfig: storageConfig,
                    cluster: new MeshClusterOptions { Registry = parse.GetValue(registry)!, SiloName = parse.GetValue(id) ?? "", SiloPort = parse.GetValue(siloPort), Tls = tls.Read(parse) },
                    cancellationToken: cancellationToken);
                Console.WriteLine($"Front door serving gRPC on {bind}:{frontDoor.GrpcPort}, REST on {bind}:{frontDoor.HttpPort}"
                    + (frontDoor.MetricsPort is { } m ? $", metrics on :{m}/metrics" : ""));
                await RoleOptions.WaitForShutdownAsync(cancellationToken);
            }

            return 0;
        });
        return command;
    }
}
