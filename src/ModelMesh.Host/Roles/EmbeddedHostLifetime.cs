using Microsoft.Extensions.Hosting;

namespace ModelMesh.Host.Roles;

/// <summary>
/// A host lifetime that leaves process signals alone: several hosts (front door, silos) share one process, and
/// the command line owns Ctrl+C / SIGTERM and stops them in order (silos drain first). Without this, every
/// host's console lifetime would take SIGTERM for itself.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
