using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ModelMesh.Kubernetes;

/// <summary>
/// Runs the controller only while this replica holds the coordination.k8s.io Lease (KubernetesClient's LeaderElector):
/// any number of replicas may run, one acts. Each term starts a fresh <see cref="KubernetesController"/> (its own list,
/// cache and queue) and is cancelled when the lease cannot be renewed within the renew deadline, before another
/// replica can take it (renew deadline &lt; lease duration).
/// </summary>
public sealed partial class LeaderElectedController(IServiceProvider services, IKubernetes kubernetes, IOptions<KubernetesControllerOptions> options, ILogger<LeaderElectedController> logger) : BackgroundService
{
    private volatile bool _leading;

    /// <summary>Whether this replica is acting now.</summary>
    public bool IsLeading => _leading;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var lease = new LeaseLock(kubernetes, settings.Namespace, settings.LeaseName, settings.Identity);
        using var elector = new LeaderElector(new LeaderElectionConfig(lease)
        {
            LeaseDuration = settings.LeaseDuration,
            RenewDeadline = settings.RenewDeadline,
            RetryPeriod = settings.RetryPeriod,
        });
        CancellationTokenSource? term = null;
        Task running = Task.CompletedTask;
        elector.OnStartedLeading += () =>
        {
            _leading = true;
            Log.Leading(logger, settings.Identity, settings.Namespace);
            term = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var controller = ActivatorUtilities.CreateInstance<KubernetesController>(services);
            running = Task.Run(() => controller.RunAsync(term.Token), CancellationToken.None);
        };
        elector.OnStoppedLeading += () =>
        {
            _leading = false;
            Log.StoppedLeading(logger, settings.Identity);
            term?.Cancel();
        };
        elector.OnError += e => Log.ElectionError(logger, e.Message);
        try
        {
            await elector.RunAndTryToHoldLeadershipForeverAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            term?.Cancel();
            await running;
            term?.Dispose();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 830, Level = LogLevel.Information, Message = "{Identity} leads the controller for namespace {Namespace}")]
        public static partial void Leading(ILogger logger, string identity, string @namespace);

        [LoggerMessage(EventId = 831, Level = LogLevel.Warning, Message = "{Identity} stopped leading")]
        public static partial void StoppedLeading(ILogger logger, string identity);

        [LoggerMessage(EventId = 832, Level = LogLevel.Warning, Message = "leader election: {Error}")]
        public static partial void ElectionError(ILogger logger, string error);
    }
}
