using ModelMesh.Host.Cli;
using ModelMesh.Kubernetes.Tests.ApiDouble;
using ModelMesh.Testing;

namespace ModelMesh.Kubernetes.Tests.Controller;

/// <summary><c>modelmesh dev --kubeconfig PATH --namespace NS</c> runs the controller inside dev (against the API server DOUBLE).</summary>
public sealed class DevCommandTests
{
    [Fact]
    public async Task Dev_WithKubeconfig_ServesThePredictorsOfTheNamespace()
    {
        await using var api = await KubeApiDouble.StartAsync("dev-ns");
        var directory = Directory.CreateTempSubdirectory("mm-k8s-dev-").FullName;
        try
        {
            var samples = Path.Combine(directory, "samples");
            using var stop = new CancellationTokenSource();
            var run = ModelMeshCommandLine.Build()
                .Parse(["dev", "--grpc-port", "0", "--http-port", "0", "--metrics-port", "-1", "--samples-dir", samples, "--kubeconfig", api.WriteKubeconfig(directory, "dev"), "--namespace", "dev-ns"])
                .InvokeAsync(cancellationToken: stop.Token);
            api.Apply("predictors", ControllerHarness.Predictor("from-dev", Path.Combine(samples, "mlp", "1", "model.onnx")));

            await Eventually.Until(() => api.Get("predictors", "from-dev")?["status"]?["activeModelState"]?.ToString() == "Loaded", ControllerHarness.Wait, "dev's controller loads the Predictor");
            Assert.False(string.IsNullOrEmpty(api.Lease("modelmesh-controller")?["spec"]?["holderIdentity"]?.ToString()), "dev's controller holds the Lease");
            await stop.CancelAsync();
            Assert.Equal(0, await run);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
