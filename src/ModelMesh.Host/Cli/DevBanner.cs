using ModelMesh.Host.Node;

namespace ModelMesh.Host.Cli;

/// <summary>What <c>modelmesh dev</c> prints once it is serving: where, which models, and how to call them.</summary>
internal static class DevBanner
{
    public static void Print(InferenceNode node, NodeOptions options, bool samples)
    {
        var host = options.BindAddress.Equals(System.Net.IPAddress.Any) ? "127.0.0.1" : options.BindAddress.ToString();
        Console.WriteLine($"ModelMesh node serving {options.ModelsDirectory}");
        Console.WriteLine($"  V2 gRPC  {host}:{node.GrpcPort}   (inference.GRPCInferenceService)");
        Console.WriteLine($"  REST     http://{host}:{node.HttpPort}   (V2 /v2/..., V1 /v1/models/<m>:predict)");
        foreach (var model in node.Repository.Models)
        {
            var versions = string.Join(",", model.Versions.Select(v => v.VersionText + ":" + v.State.ToString().ToUpperInvariant()));
            Console.WriteLine($"  model {model.Name,-12} versions {versions}");
        }

        if (samples)
        {
            Console.WriteLine();
            Console.WriteLine("Try:");
            Console.WriteLine($"  curl -s http://{host}:{node.HttpPort}/v2/models/mlp");
            Console.WriteLine($"  curl -s -X POST http://{host}:{node.HttpPort}/v1/models/mlp:predict -d '{{\"instances\": [[1.0, 2.0, 3.0, 4.0]]}}'");
            Console.WriteLine($"  curl -s -X POST http://{host}:{node.HttpPort}/v2/models/simple/infer -d '{{\"inputs\": [" +
                "{\"name\": \"INPUT0\", \"shape\": [1, 16], \"datatype\": \"INT32\", \"data\": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]}, " +
                "{\"name\": \"INPUT1\", \"shape\": [1, 16], \"datatype\": \"INT32\", \"data\": [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]}]}'");
            Console.WriteLine($"  grpcurl-style clients: any V2 gRPC client at {host}:{node.GrpcPort}");
        }

        Console.WriteLine("Press Ctrl+C to stop.");
    }
}
