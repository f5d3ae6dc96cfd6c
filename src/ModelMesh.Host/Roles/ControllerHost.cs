using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelMesh.Kubernetes;

namespace ModelMesh.Host.Roles;

/// <summary>Hosts the Kubernetes controller (<c>modelmesh controller</c>, or inside <c>modelmesh dev --kubeconfig</c>); signals stay with the command line.</summary>
public static class ControllerHost
{
    /// <summary>Starts it; throws <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> naming bad settings.</summary>
    public static async Task<IHost> StartAsync(Action<KubernetesControllerOptions> configure, Action<ILoggingBuilder>? logging, CancellationToken cancellationToken)
    {
        // Bad settings and a missing kubeconfig are refused here with their message, before a host starts.
        var checkedOptions = new KubernetesControllerOptions();
        ModelMeshSettings.Bind(checkedOptions, KubernetesControllerOptions.SectionName);
        configure(checkedOptions);
        if (new KubernetesControllerOptionsValidator().Validate(null, checkedOptions) is { Failed: true } invalid)
        {
            throw new OptionsValidationException(nameof(KubernetesControllerOptions), typeof(KubernetesControllerOptions), invalid.Failures);
        }

        var kubernetes = new k8s.Kubernetes(KubernetesConfig.Load(checkedOptions.KubeconfigPath));
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        logging?.Invoke(builder.Logging);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.AddSingleton<k8s.IKubernetes>(kubernetes);
        builder.Services.AddModelMeshController(options =>
        {
            ModelMeshSettings.Bind(options, KubernetesControllerOptions.SectionName);
            configure(options);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }
}
