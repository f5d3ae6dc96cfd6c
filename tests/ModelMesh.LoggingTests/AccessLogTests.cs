using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModelMesh.Contracts.Inference;
using ModelMesh.Grpc;
using ModelMesh.Serving.Grpc;
using ModelMesh.Host.Cli;
using ModelMesh.Host.Roles;
using ModelMesh.Onnx;
using Xunit;

namespace ModelMesh.LoggingTests;

public sealed class AccessLogTests : IDisposable
{
    private const string SimpleInfer = """{"inputs": [{"name": "INPUT0", "shape": [1, 16], "datatype": "INT32", "data": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]}, {"name": "INPUT1", "shape": [1, 16], "datatype": "INT32", "data": [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]}]}""";
    private const string TraceId = "0af7651916cd43dd8448eb211c80319c";
    private readonly string _models = Path.Combine(Path.GetTempPath(), "mm-logging-" + Guid.NewGuid().ToString("N"));

    public AccessLogTests() => SampleModels.WriteAll(_models);

    public void Dispose() => Directory.Delete(_models, recursive: true);

    [Fact]
    public async Task AccessLogOn_OneLinePerRequest_WithModelStatusLatencySiloAndScopes()
    {
        var capture = new CapturingProvider();
        var options = new DevClusterOptions { Silos = 1, GrpcPort = 0, HttpPort = 0, ModelsDirectory = _models };
        var configure = LoggingOptions.Configure("text", accessLog: true)!;
        await using (var cluster = await DevCluster.StartAsync(options, b => { configure(b); b.AddProvider(capture); }))
        {
            await InferAsync(cluster.FrontDoor.HttpPort);
        }

        var entry = Assert.Single(capture.Entries, e => e.EventId == 420);
        Assert.Equal("simple", entry.State["Model"]);
        Assert.Equal("OK", entry.State["Status"]?.ToString());
        Assert.Equal(0, entry.State["StatusCode"]);
        Assert.Equal("silo-1", entry.State["Silo"]);
        Assert.Equal(1, entry.State["Attempts"]);
        Assert.True((double)entry.State["LatencyMs"]! > 0);
        Assert.False(string.IsNullOrEmpty(entry.Scopes["RequestId"]?.ToString()));
        Assert.Equal(TraceId, entry.Scopes["TraceId"]?.ToString());
    }

    [Fact]
    public async Task AccessLogOn_GrpcModelInfer_RequestIdIsTheV2RequestId()
    {
        var capture = new CapturingProvider();
        var options = new DevClusterOptions { Silos = 1, GrpcPort = 0, HttpPort = 0, ModelsDirectory = _models };
        var configure = LoggingOptions.Configure("json", accessLog: true)!;
        await using (var cluster = await DevCluster.StartAsync(options, b => { configure(b); b.AddProvider(capture); }))
        {
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{cluster.FrontDoor.GrpcPort}");
            var request = new ModelInferRequest { ModelName = SampleModels.Simple, Id = "req-42" };
            foreach (var name in new[] { "INPUT0", "INPUT1" })
            {
                var input = new ModelInferRequest.Types.InferInputTensor { Name = name, Datatype = "INT32", Shape = { 1, 16 }, Contents = new InferTensorContents() };
                input.Contents.IntContents.Add(Enumerable.Range(0, 16));
                request.Inputs.Add(input);
            }

            var headers = new Metadata { { "traceparent", $"00-{TraceId}-b7ad6b7169203331-01" } };
            await channel.UnaryCallAsync(InferenceServiceMethods.ModelInfer, request, new CallOptions(headers, DateTime.UtcNow.AddSeconds(60)));
        }

        var entry = Assert.Single(capture.Entries, e => e.EventId == 420);
        Assert.Equal("simple", entry.State["Model"]);
        Assert.Equal("silo-1", entry.State["Silo"]);
        Assert.Equal("req-42", entry.Scopes["RequestId"]?.ToString());
        Assert.Equal(TraceId, entry.Scopes["TraceId"]?.ToString());
    }

    [Fact]
    public async Task AccessLogOff_NoAccessLines()
    {
        var capture = new CapturingProvider();
        var options = new DevClusterOptions { Silos = 1, GrpcPort = 0, HttpPort = 0, ModelsDirectory = _models };
        await using (var cluster = await DevCluster.StartAsync(options, b => b.AddProvider(capture)))
        {
            await InferAsync(cluster.FrontDoor.HttpPort);
        }

        Assert.DoesNotContain(capture.Entries, e => e.EventId == 420);
    }

    [Fact]
    public async Task DevProcess_LogFormatJson_AccessLogLineIsJsonWithScopes()
    {
        var (grpcPort, httpPort) = (FreePort(), FreePort());
        var dll = Path.Combine(AppContext.BaseDirectory, "modelmesh.dll");
        var start = new ProcessStartInfo("dotnet",
        [
            dll, "dev", "--log-format", "json", "--access-log", "--models-dir", _models, "--silos", "1",
            "--grpc-port", grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--http-port", httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--metrics-port", "-1",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var lines = new BlockingCollection<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lines.Add(e.Data);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var seen = new StringBuilder();
            Assert.True(WaitForLine(lines, seen, l => l.Contains("Press Ctrl+C", StringComparison.Ordinal)) is not null, "dev did not start:\n" + seen);
            await InferAsync(httpPort);
            var access = WaitForLine(lines, seen, l => l.StartsWith('{') && l.Contains("\"EventId\":420", StringComparison.Ordinal));
            Assert.True(access is not null, "no access-log line:\n" + seen);

            // Every log line is one JSON object.
            foreach (var line in seen.ToString().Split('\n').Where(l => l.StartsWith('{')))
            {
                using var _ = JsonDocument.Parse(line);
            }

            using var doc = JsonDocument.Parse(access!);
            var state = doc.RootElement.GetProperty("State");
            Assert.Equal("simple", state.GetProperty("Model").GetString());
            Assert.Equal("OK", state.GetProperty("Status").GetString());
            Assert.Equal("silo-1", state.GetProperty("Silo").GetString());
            Assert.True(state.GetProperty("LatencyMs").GetDouble() > 0);
            Assert.Equal(1, state.GetProperty("Attempts").GetInt32());
            var scopes = doc.RootElement.GetProperty("Scopes").EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object).ToList();
            Assert.Contains(scopes, s => s.TryGetProperty("RequestId", out var id) && id.GetString() is { Length: > 0 });
            Assert.Contains(scopes, s => s.TryGetProperty("TraceId", out var t) && t.GetString() == TraceId);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static string? WaitForLine(BlockingCollection<string> lines, StringBuilder seen, Func<string, bool> match)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            if (lines.TryTake(out var line, TimeSpan.FromMilliseconds(200)))
            {
                seen.Append(line).Append('\n');
                if (match(line))
                {
                    return line;
                }
            }
        }

        return null;
    }

    private static async Task InferAsync(int httpPort)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{httpPort}/v2/models/simple/infer")
        {
            Content = new StringContent(SimpleInfer, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("traceparent", $"00-{TraceId}-b7ad6b7169203331-01");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record Entry(int EventId, string Category, IReadOnlyDictionary<string, object?> State, IReadOnlyDictionary<string, object?> Scopes);

    private sealed class CapturingProvider : ILoggerProvider, ISupportExternalScope
    {
        // One provider instance serves several hosts (the front door's gRPC and REST apps, the silos), each with its own scope provider.
        private readonly ConcurrentQueue<IExternalScopeProvider> _scopes = new();

        public ConcurrentQueue<Entry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes.Enqueue(scopeProvider);

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(CapturingProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = new Dictionary<string, object?>(StringComparer.Ordinal);
                if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var (key, value) in pairs)
                    {
                        values[key] = value;
                    }
                }

                var scopes = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var scopeProvider in provider._scopes)
                {
                    scopeProvider.ForEachScope((scope, into) =>
                    {
                        if (scope is IEnumerable<KeyValuePair<string, object?>> items)
                        {
                            foreach (var (key, value) in items)
                            {
                                into[key] = value;
                            }
                        }
                    }, scopes);
                }
                provider.Entries.Enqueue(new Entry(eventId.Id, category, values, scopes));
            }
        }
    }
}
