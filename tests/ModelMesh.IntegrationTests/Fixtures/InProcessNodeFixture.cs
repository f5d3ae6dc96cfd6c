using Grpc.Core;
using Grpc.Net.Client;
using ModelMesh.Host.Node;
using ModelMesh.Onnx;

namespace ModelMesh.IntegrationTests.Fixtures;

/// <summary>
/// A real node in this test process (Kestrel on free loopback ports, the real ONNX Runtime) serving the
/// sample models plus a two-version copy of <c>simple</c>, and a channel of our own gRPC client to it.
/// </summary>
public sealed class InProcessNodeFixture : IAsyncLifetime
{
    public string ModelsDirectory { get; } = Path.Combine(Path.GetTempPath(), "modelmesh-node-" + Guid.NewGuid().ToString("N"));

    public InferenceNode Node { get; private set; } = null!;

    public GrpcChannel Channel { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        SampleModels.WriteAll(ModelsDirectory);
        var versioned = Path.Combine(ModelsDirectory, "simple_versions");
        foreach (var version in new[] { "1", "3" })
        {
            Directory.CreateDirectory(Path.Combine(versioned, version));
            File.Copy(Path.Combine(ModelsDirectory, "simple", "1", "model.onnx"), Path.Combine(versioned, version, "model.onnx"));
        }

        Node = await InferenceNode.StartAsync(new NodeOptions { ModelsDirectory = ModelsDirectory, GrpcPort = 0, HttpPort = 0 });
        Channel = GrpcChannel.ForAddress($"http://127.0.0.1:{Node.GrpcPort}");
        // A long Expect: 100-continue wait lets the node refuse an oversized body before the client sends it.
        Http = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{Node.HttpPort}"),
        };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        Channel.Dispose();
        await Node.DisposeAsync();
        Directory.Delete(ModelsDirectory, recursive: true);
    }
}
