using ModelMesh.Host.Roles;
using ModelMesh.Onnx;

namespace ModelMesh.Kubernetes.Tests.Controller;

/// <summary>An in-process dev mesh (front door + 2 silos, real ONNX Runtime) and the sample models in a temp folder, shared by the controller tests.</summary>
public sealed class MeshFixture : IAsyncLifetime
{
    public string Models { get; } = Directory.CreateTempSubdirectory("mm-k8s-models-").FullName;

    public DevCluster Cluster { get; private set; } = null!;

    public string Endpoint => $"127.0.0.1:{Cluster.FrontDoor.GrpcPort}";

    /// <summary>The sample mlp's file, and a byte-identical copy at another path (a "new version" of the model).</summary>
    public string MlpPath => Path.Combine(Models, "mlp", "1", "model.onnx");

    public string MlpCopyPath => Path.Combine(Models, "mlp-copy", "model.onnx");

    public async Task InitializeAsync()
    {
        SampleModels.WriteAll(Models);
        Directory.CreateDirectory(Path.GetDirectoryName(MlpCopyPath)!);
        File.Copy(MlpPath, MlpCopyPath);
        Cluster = await DevCluster.StartAsync(new DevClusterOptions { Silos = 2, GrpcPort = 0, HttpPort = 0, MetricsPort = null });
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Directory.Delete(Models, recursive: true);
    }
}
