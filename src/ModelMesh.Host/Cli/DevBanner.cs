using Microsoft.Extensions.DependencyInjection;
using ModelMesh.FrontDoor.Routing;
using ModelMesh.Host.Roles;
using ModelMesh.Registry;

namespace ModelMesh.Host.Cli;

/// <summary>What <c>modelmesh dev</c> prints once it is serving: where, which silos and models, and how to call them.</summary>
internal static class DevBanner
{
    public static void Print(DevCluster cluster, DevClusterOptions options, string directory, bool samples)
    {
        var host = options.BindAddress.Equals(System.Net.IPAddress.Any) ? "127.0.0.1" : options.BindAddress.ToString();
        var http = cluster.FrontDoor.HttpPort;
        Console.WriteLine($"ModelMesh dev cluster: front door + {cluster.Silos.Count} silos, registry {RedisEndpoint.Redact(options.Registry)}");
        Console.WriteLine($"  V2 + management gRPC  {host}:{cluster.FrontDoor.GrpcPort}");
        Console.WriteLine($"  REST                  http://{host}:{http}   (/v2/..., /v1/models/<m>:predict, /v1/mesh/...)");
        if (cluster.MetricsPort is { } metrics)
        {
            Console.WriteLine($"  Prometheus metrics    http://{host}:{metrics}/metrics   (front door and all silos)");
        }

        foreach (var silo in cluster.Silos)
        {
            Console.WriteLine($"  silo {silo.SiloId,-8} {silo.Address,-21} capacity {ByteSize.Format(silo.Options.CpuCapacityBytes)}");
        }

        var table = cluster.FrontDoor.Services.GetRequiredService<RegistrationView>();
        Console.WriteLine($"  models (from {directory}, loaded on first request): {string.Join(", ", table.Models.Select(m => m.ModelId).Order(StringComparer.Ordinal))}");
        if (samples)
        {
            Console.WriteLine();
            Console.WriteLine("Try:");
            Console.WriteLine($"  curl -s -X POST http://{host}:{http}/v1/models/mlp:predict -d '{{\"instances\": [[1.0, 2.0, 3.0, 4.0]]}}'");
            Console.WriteLine($"  curl -s -X POST http://{host}:{http}/v2/models/simple/infer -d '{{\"inputs\": [" +
                "{\"name\": \"INPUT0\", \"shape\": [1, 16], \"datatype\": \"INT32\", \"data\": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]}, " +
                "{\"name\": \"INPUT1\", \"shape\": [1, 16], \"datatype\": \"INT32\", \"data\": [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]}]}'");
            Console.WriteLine($"  curl -s http://{host}:{http}/v1/mesh/cluster");
            Console.WriteLine($"  dotnet run --project src/ModelMesh.Host -- cluster --endpoint {host}:{cluster.FrontDoor.GrpcPort}");
        }

        Console.WriteLine("Press Ctrl+C to stop.");
    }
}
