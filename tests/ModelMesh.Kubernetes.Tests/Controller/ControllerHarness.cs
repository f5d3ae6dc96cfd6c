using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelMesh.Client;
using ModelMesh.Kubernetes.Tests.ApiDouble;
using ModelMesh.Testing;

namespace ModelMesh.Kubernetes.Tests.Controller;

/// <summary>
/// The API server double for one namespace, controller replicas (real hosts: KubernetesClient reads a kubeconfig
/// pointing at the double) and a client of the shared mesh. Short intervals so tests converge quickly.
/// </summary>
public sealed class ControllerHarness : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly List<IHost> _replicas = [];
    private readonly string _directory = Directory.CreateTempSubdirectory("mm-k8s-").FullName;
    private readonly string _endpoint;

    private ControllerHarness(KubeApiDouble api, string endpoint)
    {
        Api = api;
        _endpoint = endpoint;
        Mesh = ModelMeshClient.Connect(endpoint);
    }

    public KubeApiDouble Api { get; }

    public ModelMeshClient Mesh { get; }

    /// <summary>Every log event of the controller replicas (to check that no credential is ever logged).</summary>
    public ClusterLog Log { get; } = new();

    public static Task<ControllerHarness> StartAsync(MeshFixture mesh, int replicas = 1) => StartAsync(mesh.Endpoint, replicas);

    /// <summary>
    /// Starts the double and the replicas; <paramref name="beforeReplicas"/> sets up the double's objects first (e.g. the
    /// storage-config Secret), as they would exist before the controller starts.
    /// </summary>
    public static async Task<ControllerHarness> StartAsync(string meshEndpoint, int replicas = 1, Action<KubeApiDouble>? beforeReplicas = null)
    {
        var harness = new ControllerHarness(await KubeApiDouble.StartAsync("ns-" + Guid.NewGuid().ToString("N")[..8]), meshEndpoint);
        beforeReplicas?.Invoke(harness.Api);
        for (var i = 0; i < replicas; i++)
        {
            await harness.StartReplicaAsync("replica-" + (char)('a' + i));
        }

        return harness;
    }

    public async Task<IHost> StartReplicaAsync(string identity)
    {
        var kubeconfig = Api.WriteKubeconfig(_directory, identity);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.AddProvider(Log.ProviderFor(identity));
        builder.Services.AddModelMeshController(o =>
        {
            o.Namespace = Api.Namespace;
            o.KubeconfigPath = kubeconfig;
            o.MeshEndpoint = _endpoint;
            o.Identity = identity;
            o.LeaseDuration = TimeSpan.FromSeconds(2);
            o.RenewDeadline = TimeSpan.FromMilliseconds(1500);
            o.RetryPeriod = TimeSpan.FromMilliseconds(200);
            o.PollInterval = TimeSpan.FromMilliseconds(100);
            o.ResyncInterval = TimeSpan.FromSeconds(2);
            o.ErrorBackoff = TimeSpan.FromMilliseconds(100);
        });
        var host = builder.Build();
        await host.StartAsync();
        _replicas.Add(host);
        return host;
    }

    public async Task StopReplicaAsync(IHost host)
    {
        _replicas.Remove(host);
        await host.StopAsync();
        host.Dispose();
    }

    public static JsonObject Predictor(string name, string path, string modelType = "onnx") => new()
    {
        ["apiVersion"] = "serving.kserve.io/v1alpha1",
        ["kind"] = "Predictor",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["modelType"] = new JsonObject { ["name"] = modelType }, ["path"] = path },
    };

    public string? Status(string plural, string name, params string[] path)
    {
        JsonNode? node = Api.Get(plural, name)?["status"];
        foreach (var part in path)
        {
            node = node?[part];
        }

        return node?.ToString();
    }

    public Task UntilPredictorAsync(string name, string activeModelState, string transitionStatus = "UpToDate") =>
        Eventually.Until(
            () => Status("predictors", name, "activeModelState") == activeModelState && Status("predictors", name, "transitionStatus") == transitionStatus,
            Wait, $"predictor {name} is {activeModelState}/{transitionStatus} (now {Api.Get("predictors", name)?["status"]?.ToJsonString()})");

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _replicas)
        {
            await host.StopAsync();
            host.Dispose();
        }

        Mesh.Dispose();
        await Api.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
