using k8s;

namespace ModelMesh.Kubernetes;

/// <summary>Where the controller finds the API server: a kubeconfig file, else the pod's service account.</summary>
public static class KubernetesConfig
{
    public static KubernetesClientConfiguration Load(string? kubeconfigPath) =>
        kubeconfigPath is { Length: > 0 }
            ? KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath)
            : KubernetesClientConfiguration.InClusterConfig();
}
