using ModelMesh.Orleans.Hosting;
using ModelMesh.Contracts.Inference;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelMesh.Contracts.Management;
using ModelMesh.FrontDoor.Management;
using Grpc.Core;
using Grpc.Net.Client;
using ModelMesh.Host.Roles;
using ModelMesh.Onnx;
using ModelMesh.Registry;
using ModelMesh.Serving.Grpc;
using ModelMesh.Silo.Mesh;
using ModelMesh.Testing.Redis;
using Xunit;

namespace ModelMesh.LoggingTests;

/// <summary>The silo's access log (<c>modelmesh silo --access-log</c>, event 330): one line per inference the silo handles.</summary>
public sealed class SiloAccessLogTests : IDisposable
{
    public const int SiloAccessLogEvent = 330;

    private readonly string _models = Path.Combine(Path.GetTempPath(), "mm-silo-logging-" + Guid.NewGuid().ToString("N"));

    public SiloAccessLogTests() => SampleModels.WriteAll(_models);

    public void Dispose() => Directory.Delete(_models, recursive: true);

    [Fact]
    public async Task SiloAccessLogOn_OneLinePerInference_WithLoadFlagsStatusAndScopes()
    {
        var capture = new CapturingLoggerProvider();
        await using (var registry = RegistryFactory.Create("memory"))
        {
            await using var silo = await SiloHost.StartAsync(registry, new SiloOptions { SiloId = "silo-1", AccessLog = true },
                IPAddress.Loopback, 0, logging: b => b.AddProvider(capture));
            await using var frontDoor = await FrontDoorHost.StartAsync(registry, IPAddress.Loopback, 0, 0, logging: b => b.AddProvider(capture),
                cluster: new MeshClusterOptions { PrimarySiloEndpoint = silo.Cluster.SiloEndpoint() });
            await RegisterSimpleAsync(frontDoor);

            Assert.Equal(HttpStatusCode.OK, await AccessLogTests.InferAsync(frontDoor.HttpPort)); // loads the model
            Assert.Equal(HttpStatusCode.OK, await AccessLogTests.InferAsync(frontDoor.HttpPort)); // finds it loaded
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{frontDoor.GrpcPort}");
            await new GRPCInferenceService.GRPCInferenceServiceClient(channel).ModelInferAsync(AccessLogTests.SimpleRequest("req-7"),
                new CallOptions(new Metadata(), DateTime.UtcNow.AddSeconds(60))).ResponseAsync;
            await frontDoor.StopAsync();
            await silo.StopWithoutDrainAsync();
        }

        var lines = capture.WithId(SiloAccessLogEvent).ToList();
        Assert.Equal(3, lines.Count);
        Assert.All(lines, line =>
        {
            Assert.Equal("simple", line.State["Model"]);
            Assert.Equal("OK", line.State["Status"]?.ToString());
            Assert.Equal(0, line.State["StatusCode"]);
            Assert.Equal("silo-1", line.State["Silo"]);
            Assert.Equal(true, line.State["LoadIfAbsent"]);
            Assert.True((double)line.State["LatencyMs"]! > 0);
            Assert.False(string.IsNullOrEmpty(line.Scopes["RequestId"]?.ToString()));
        });
        Assert.Equal([true, false, false], lines.Select(l => (bool)l.State["WaitedForLoad"]!));
        Assert.Equal(AccessLogTests.TraceId, lines[0].Scopes["TraceId"]?.ToString()); // the client's traceparent, carried by the front door
        Assert.Equal("req-7", lines[2].Scopes["RequestId"]?.ToString());
        Assert.Empty(capture.WithId(AccessLogTests.AccessLogEvent)); // the front door's access log stays off
    }

    [Fact]
    public async Task SiloProcess_AccessLogFlag_WritesJsonLinePerInference()
    {
        using var redis = RedisServer.Start();
        var port = ModelMeshProcess.FreePort();
        await using var silo = ModelMeshProcess.Start(
            "silo", "--registry", redis.Url, "--id", "silo-a", "--port", ModelMeshProcess.Invariant(port), "--metrics-port", "-1",
            "--capacity", "64MiB", "--access-log", "--log-format", "json");
        Assert.True(silo.WaitForLine(l => l.Contains("serving at", StringComparison.Ordinal)) is not null, "silo did not start:\n" + silo.Seen);
        await using (var registry = RegistryFactory.Create(redis.Url))
        {
            await using var frontDoor = await FrontDoorHost.StartAsync(registry, IPAddress.Loopback, 0, 0, cluster: new MeshClusterOptions { Registry = redis.Url });
            await RegisterSimpleAsync(frontDoor);
            Assert.Equal(HttpStatusCode.OK, await AccessLogTests.InferAsync(frontDoor.HttpPort));
            await frontDoor.StopAsync();
        }

        var access = silo.WaitForLine(l => l.StartsWith('{') && l.Contains($"\"EventId\":{SiloAccessLogEvent}", StringComparison.Ordinal));
        Assert.True(access is not null, "no silo access-log line:\n" + silo.Seen);
        using var doc = JsonDocument.Parse(access!);
        var state = doc.RootElement.GetProperty("State");
        Assert.Equal("simple", state.GetProperty("Model").GetString());
        Assert.Equal("OK", state.GetProperty("Status").GetString());
        Assert.Equal("silo-a", state.GetProperty("Silo").GetString());
        Assert.True(state.GetProperty("LoadIfAbsent").GetBoolean());
        Assert.True(state.GetProperty("WaitedForLoad").GetBoolean());
        var scopes = doc.RootElement.GetProperty("Scopes").EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object).ToList();
        Assert.Contains(scopes, s => s.TryGetProperty("RequestId", out var id) && id.GetString() is { Length: > 0 });
        Assert.Contains(scopes, s => s.TryGetProperty("TraceId", out var t) && t.GetString() == AccessLogTests.TraceId);
    }

    private async Task RegisterSimpleAsync(FrontDoorHost frontDoor)
    {
        var path = Path.Combine(_models, SampleModels.Simple, "1", "model.onnx");
        var info = new ModelInfo { StorageUri = new Uri(path).AbsoluteUri, Format = "onnx", Version = "1" };
        await frontDoor.Services.GetRequiredService<ModelManagement>().RegisterAsync(SampleModels.Simple, info, loadNow: false, sync: false, CancellationToken.None);
    }
}
