using System.CommandLine;

namespace ModelMesh.Host.Cli;

/// <summary>The flags that point the controller at a cluster (<c>controller</c> and <c>dev</c> share them).</summary>
internal sealed class KubernetesFlags
{
    public Option<FileInfo?> Kubeconfig { get; } = new("--kubeconfig") { Description = "kubeconfig file of the cluster (controller default: the in-cluster service account)", HelpName = "PATH" };

    public Option<string?> Namespace { get; } = new("--namespace") { Description = "Namespace whose Predictors, InferenceServices (ModelMesh mode) and TrainedModels are served", HelpName = "NS" };

    public static KubernetesFlags AddTo(Command command)
    {
        var flags = new KubernetesFlags();
        command.Options.Add(flags.Kubeconfig);
        command.Options.Add(flags.Namespace);
        return flags;
    }
}
