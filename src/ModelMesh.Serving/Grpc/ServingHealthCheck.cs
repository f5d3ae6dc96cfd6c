using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ModelMesh.Serving.Grpc;

/// <summary>
/// The readiness behind <c>grpc.health.v1.Health</c>: healthy (SERVING) while the role's <see cref="IInferenceServer.IsReady"/>
/// holds (a front door with a synced routing table, a silo that is not draining), unhealthy (NOT_SERVING) otherwise.
/// </summary>
public sealed class ServingHealthCheck(IInferenceServer server) : IHealthCheck
{
    public const string Name = "serving";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(server.IsReady ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("not ready to serve models"));
}
