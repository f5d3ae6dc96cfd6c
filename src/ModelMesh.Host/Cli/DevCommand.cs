using System.CommandLine;
using System.Net;
using ModelMesh.Host.Roles;
using ModelMesh.Onnx;

namespace ModelMesh.Host.Cli;

/// <summary><c>modelmesh dev</c>: a front door and N silos in one process, serving a models folder or freshly written sample models.</summary>
public static class DevCommand
{
    public static Command Create()
    {
        var modelsDir = new Option<DirectoryInfo?>("--models-dir") { Description = "Register every model under DIR (DIR/<model>/model.onnx or DIR/<model>/<N>/model.onnx); default: write and register the sample models" };
        var silos = new Option<int>("--silos") { Description = "Silos to run", DefaultValueFactory = _ => 2 };
        var siloCapacity = new Option<string>("--silo-capacity") { Description = "Memory budget of each silo (B, KiB, MiB, GiB)", DefaultValueFactory = _ => "512MiB" };
        var registry = RoleOptions.Registry("memory");
        var grpcPort = new Option<int>("--grpc-port") { Description = "V2 + management gRPC port", DefaultValueFactory = _ => 8033 };
        var httpPort = new Option<int>("--http-port") { Description = "REST port (V2, V1, management)", DefaultValueFactory = _ => 8008 };
        var metricsPort = new Option<int>("--metrics-port") { Description = "Prometheus /metrics port (0 = any free port, -1 = off)", DefaultValueFactory = _ => 2112 };
        var bindAll = RoleOptions.BindAll();
        var perModelMetrics = RoleOptions.PerModelMetrics();
        var samplesDir = new Option<DirectoryInfo?>("--samples-dir") { Description = "Where to write the sample models when --models-dir is not given (default ~/.cache/modelmesh/samples)" };

        var command = new Command("dev", "Run a front door and silos in one process with sample models or a models folder")
        {
            modelsDir, silos, siloCapacity, registry, grpcPort, httpPort, metricsPort, bindAll, samplesDir, perModelMetrics,
        };
        var storage = StorageFlags.AddTo(command, loadsModels: true);
        var logging = LoggingOptions.AddTo(command);
        var kubernetes = KubernetesFlags.AddTo(command);
        var otlpEndpoint = TracingOptions.Add(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!await RoleOptions.SettingsUsableAsync())
            {
                return 2;
            }

            long capacity;
            try
            {
                capacity = ByteSize.Parse(parse.GetValue(siloCapacity)!);
            }
            catch (FormatException e)
            {
                await Console.Error.WriteLineAsync("error: --silo-capacity: " + e.Message);
                return 2;
            }

            Storage.StorageOptions storageOptions;
            Storage.Config.StorageConfig storageConfig;
            try
            {
                (storageOptions, storageConfig) = storage.Read(parse);
            }
            catch (FormatException e)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message);
                return 2;
            }

            var dir = parse.GetValue(modelsDir);
            var usingSamples = dir is null;
            string directory;
            if (dir is null)
            {
                directory = parse.GetValue(samplesDir)?.FullName ?? DefaultSamplesDirectory();
                SampleModels.WriteAll(directory);
            }
            else if (!dir.Exists)
            {
                await Console.Error.WriteLineAsync($"error: models directory '{dir.FullName}' does not exist");
                return 2;
            }
            else
            {
                directory = dir.FullName;
            }

            var spec = parse.GetValue(registry)!;
            var options = new DevClusterOptions
            {
                Silos = Math.Max(1, parse.GetValue(silos)),
                SiloCapacityBytes = capacity,
                Registry = spec,
                ModelsDirectory = directory,
                GrpcPort = parse.GetValue(grpcPort),
                HttpPort = parse.GetValue(httpPort),
                BindAddress = parse.GetValue(bindAll) ? IPAddress.Any : IPAddress.Loopback,
                MetricsPort = RoleOptions.MetricsPort(parse.GetValue(metricsPort)),
                PerModelMetrics = parse.GetValue(perModelMetrics),
                OtlpEndpoint = TracingOptions.Endpoint(parse, otlpEndpoint),
                Storage = storageOptions,
                StorageConfig = storageConfig,
            };
            if (await RoleOptions.ConnectRegistryAsync(spec, cancellationToken) is not { } probe)
            {
                return 3;
            }

            await probe.DisposeAsync();
            await using var cluster = await DevCluster.StartAsync(options, logging.Logging(parse), cancellationToken);
            DevBanner.Print(cluster, options, directory, usingSamples);
            Microsoft.Extensions.Hosting.IHost? controller = null;
            if (parse.GetValue(kubernetes.Kubeconfig) is { } kubeconfig)
            {
                try
                {
                    controller = await ControllerHost.StartAsync(o =>
                    {
                        o.Namespace = parse.GetValue(kubernetes.Namespace) ?? "default";
                        o.KubeconfigPath = kubeconfig.FullName;
                        o.MeshEndpoint = $"127.0.0.1:{cluster.FrontDoor.GrpcPort}";
                    }, logging.Logging(parse), cancellationToken);
                }
                catch (Exception e) when (e is Microsoft.Extensions.Options.OptionsValidationException or k8s.Exceptions.KubeConfigException or InvalidOperationException or IOException)
                {
                    await Console.Error.WriteLineAsync("error: " + e.Message);
                    return 2;
                }
            }

            using var controllerHost = controller;
            if (controller is not null)
            {
                Console.WriteLine($"Controller serving namespace {parse.GetValue(kubernetes.Namespace) ?? "default"} of the cluster in {parse.GetValue(kubernetes.Kubeconfig)!.FullName}");
            }

            await RoleOptions.WaitForShutdownAsync(cancellationToken);
            if (controller is not null)
            {
                await controller.StopAsync(CancellationToken.None);
            }

            return 0;
        });
        return command;
    }

    private static string DefaultSamplesDirectory() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "modelmesh", "samples");
}
