using System.CommandLine;
using System.Net;
using ModelMesh.Host.Node;
using ModelMesh.Onnx;

namespace ModelMesh.Host.Cli;

/// <summary><c>modelmesh dev</c>: one node serving a models folder, or freshly written sample models.</summary>
public static class DevCommand
{
    public static Command Create()
    {
        var modelsDir = new Option<DirectoryInfo?>("--models-dir") { Description = "Serve every model under DIR (DIR/<model>/model.onnx or DIR/<model>/<N>/model.onnx); default: write and serve the sample models" };
        var grpcPort = new Option<int>("--grpc-port") { Description = "V2 gRPC port", DefaultValueFactory = _ => 8033 };
        var httpPort = new Option<int>("--http-port") { Description = "REST port (V2 and V1)", DefaultValueFactory = _ => 8008 };
        var metricsPort = new Option<int>("--metrics-port") { Description = "Prometheus port (exposition comes with the metrics work)", DefaultValueFactory = _ => 2112 };
        var bindAll = new Option<bool>("--bind-all") { Description = "Listen on all interfaces instead of 127.0.0.1" };
        var provider = new Option<string>("--execution-provider") { Description = "cpu, cuda or cuda:N", DefaultValueFactory = _ => "cpu" };
        var ortLibrary = new Option<FileInfo?>("--ort-library") { Description = "Path to another libonnxruntime (also MODELMESH_ORT_LIBRARY)" };
        var samplesDir = new Option<DirectoryInfo?>("--samples-dir") { Description = "Where to write the sample models when --models-dir is not given (default ~/.cache/modelmesh/samples)" };

        var command = new Command("dev", "Run a local node with sample models or a models folder")
        {
            modelsDir, grpcPort, httpPort, metricsPort, bindAll, provider, ortLibrary, samplesDir,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new NodeOptions
            {
                GrpcPort = parse.GetValue(grpcPort),
                HttpPort = parse.GetValue(httpPort),
                MetricsPort = parse.GetValue(metricsPort),
                BindAddress = parse.GetValue(bindAll) ? IPAddress.Any : IPAddress.Loopback,
                ExecutionProvider = parse.GetValue(provider) ?? "cpu",
                OrtLibraryPath = parse.GetValue(ortLibrary)?.FullName,
            };
            var dir = parse.GetValue(modelsDir);
            var usingSamples = dir is null;
            if (dir is null)
            {
                var samples = parse.GetValue(samplesDir)?.FullName ?? DefaultSamplesDirectory();
                SampleModels.WriteAll(samples);
                options.ModelsDirectory = samples;
            }
            else if (!dir.Exists)
            {
                await Console.Error.WriteLineAsync($"error: models directory '{dir.FullName}' does not exist");
                return 2;
            }
            else
            {
                options.ModelsDirectory = dir.FullName;
            }

            await using var node = await InferenceNode.StartAsync(options, cancellationToken: cancellationToken);
            DevBanner.Print(node, options, usingSamples);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine("Stopping.");
            }

            return 0;
        });
        return command;
    }

    private static string DefaultSamplesDirectory() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "modelmesh", "samples");
}
