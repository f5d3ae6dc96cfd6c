using System.CommandLine;
using Microsoft.Extensions.Options;
using ModelMesh.Host.Cli.ClientCommands;
using ModelMesh.Host.Roles;

namespace ModelMesh.Host.Cli;

/// <summary>
/// <c>modelmesh controller --namespace NS [--kubeconfig PATH] [--endpoint HOST:PORT]</c>: keeps the mesh's registrations
/// equal to the KServe resources of a namespace. It meets the mesh only through the front door's management API
/// (<c>--endpoint</c>, as the client verbs do); replicas elect a leader on a Lease.
/// </summary>
public static class ControllerCommand
{
    public static Command Create()
    {
        var endpoint = new Option<string>("--endpoint", "-e")
        {
            Description = "Front door gRPC endpoint of the management API: host:port or http(s)://host:port",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MODELMESH_ENDPOINT") is { Length: > 0 } fromEnv ? fromEnv : ClientOptions.DefaultEndpoint,
            HelpName = "HOST:PORT",
        };
        var leaseName = new Option<string>("--lease-name") { Description = "The coordination.k8s.io Lease replicas elect a leader on", DefaultValueFactory = _ => "modelmesh-controller" };
        var command = new Command("controller", "Serve Predictors, InferenceServices and TrainedModels of a Kubernetes namespace") { endpoint, leaseName };
        var kubernetes = KubernetesFlags.AddTo(command);
        var logging = LoggingOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var ns = parse.GetValue(kubernetes.Namespace) ?? Environment.GetEnvironmentVariable("POD_NAMESPACE");
            if (string.IsNullOrEmpty(ns))
            {
                await Console.Error.WriteLineAsync("error: --namespace is required (or POD_NAMESPACE)");
                return 2;
            }

            try
            {
                using var host = await ControllerHost.StartAsync(o =>
                {
                    o.Namespace = ns;
                    o.KubeconfigPath = parse.GetValue(kubernetes.Kubeconfig)?.FullName;
                    o.MeshEndpoint = parse.GetValue(endpoint)!;
                    o.LeaseName = parse.GetValue(leaseName)!;
                }, logging.Logging(parse), cancellationToken);
                Console.WriteLine($"Controller for namespace {ns} (mesh {parse.GetValue(endpoint)})");
                await RoleOptions.WaitForShutdownAsync(cancellationToken);
                await host.StopAsync(CancellationToken.None);
                return 0;
            }
            catch (Exception e) when (e is OptionsValidationException or k8s.Exceptions.KubeConfigException or InvalidOperationException or IOException)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message);
                return 2;
            }
        });
        return command;
    }
}
