using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelMesh.Client;
using ModelMesh.Kubernetes.Reconcile;

namespace ModelMesh.Kubernetes;

public static class KubernetesControllerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the leader-elected Kubernetes controller as a hosted service: a KubernetesClient from the kubeconfig
    /// (or the in-cluster service account) and a management client of the mesh at <see cref="KubernetesControllerOptions.MeshEndpoint"/>.
    /// The options are validated when the host starts.
    /// </summary>
    public static IServiceCollection AddModelMeshController(this IServiceCollection services, Action<KubernetesControllerOptions> configure)
    {
        services.AddOptions<KubernetesControllerOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KubernetesControllerOptions>, KubernetesControllerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<KubernetesControllerOptions>>().Value);
        services.TryAddSingleton<IKubernetes>(sp => new k8s.Kubernetes(KubernetesConfig.Load(sp.GetRequiredService<KubernetesControllerOptions>().KubeconfigPath)));
        services.TryAddSingleton(sp => ModelMeshClient.Connect(sp.GetRequiredService<KubernetesControllerOptions>().MeshEndpoint));
        services.AddTransient<MeshReconciler>();
        services.AddSingleton<LeaderElectedController>();
        services.AddHostedService(sp => sp.GetRequiredService<LeaderElectedController>());
        return services;
    }
}
