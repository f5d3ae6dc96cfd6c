using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelMesh.Contracts.Inference;
using Grpc.Core;
using ModelMesh.Metrics;
using ModelMesh.Registry;
using ModelMesh.Serving;
using ModelMesh.Serving.Statistics;

namespace ModelMesh.Silo.Mesh;

/// <summary>
/// The V2 face of a silo: answers for the copies it holds. Inference from a front door carries the
/// resolved model id and may load the model (<see cref="InferAsync(ModelInferRequest, string, bool, CancellationToken)"/>);
/// a client calling the silo directly reaches only loaded copies. With <see cref="SiloOptions.AccessLog"/> every inference
/// writes one access-log line.
/// </summary>
public sealed partial class SiloInferenceServer(
    SiloModelCache cache, RunLimiter runLimiter, SiloRuntimeState state, IMeshRegistry registry, MeshMetrics metrics,
    InferenceStatistics statistics, IOptions<SiloOptions> options, TimeProvider time, ILogger<SiloInferenceServer> logger) : IInferenceServer
{
    private readonly bool _accessLog = options.Value.AccessLog;

    public bool IsReady => !state.IsDraining;

    public ServerMetadataResponse GetServerMetadata() => new() { Name = "modelmesh-silo", Version = typeof(SiloInferenceServer).Assembly.GetName().Version?.ToString() ?? "" };

    public ValueTask<bool> IsModelReadyAsync(string name, string? version, CancellationToken cancellationToken) =>
        ValueTask.FromResult(cache.Copies().Any(c => c.ModelId == name && c.State == CopyState.Loaded));

    public async ValueTask<ModelMetadataResponse> GetModelMetadataAsync(string name, string? version, CancellationToken cancellationToken)
    {
        using var lease = await cache.AcquireAsync(name, loadIfAbsent: true, cancellationToken);
        return ModelMetadataBuilder.Build(name, lease.Copy.Model.Version ?? "1", lease.Session.Signature);
    }

    public async ValueTask<ModelSignature> GetModelSignatureAsync(string name, string? version, CancellationToken cancellationToken)
    {
        using var lease = await cache.AcquireAsync(name, loadIfAbsent: true, cancellationToken);
        return lease.Session.Signature;
    }

    public ValueTask<ModelInferResponse> InferAsync(ModelInferRequest request, CancellationToken cancellationToken) =>
        InferAsync(request, request.ModelName, loadIfAbsent: false, evictRecent: false, cancellationToken);

    public async ValueTask<ModelInferResponse> InferAsync(ModelInferRequest request, string modelId, bool loadIfAbsent, bool evictRecent, CancellationToken cancellationToken)
    {
        using var scope = _accessLog ? BeginRequestScope(logger, request) : null;
        var arrived = time.GetUtcNow();
        var received = Stopwatch.GetTimestamp();
        var code = StatusCode.Unknown;
        var waitedForLoad = false;
        state.Enter();
        try
        {
            using var lease = await cache.AcquireAsync(modelId, loadIfAbsent, cancellationToken, evictRecent);
            waitedForLoad = lease.Copy.Since >= arrived; // the copy became loaded after the request came
            var started = Stopwatch.GetTimestamp();
            var response = await SessionInference.InferAsync(
                lease.Session, request, request.ModelName, lease.Copy.Model.Version ?? "1", runLimiter, statistics, modelId, cancellationToken);
            metrics.Invoked(modelId, Stopwatch.GetElapsedTime(started));
            code = StatusCode.OK;
            return response;
        }
        catch (Exception e) when (_accessLog)
        {
            code = e switch { ServingException s => s.Code, RpcException r => r.StatusCode, OperationCanceledException => StatusCode.Cancelled, _ => StatusCode.Unknown };
            throw;
        }
        finally
        {
            state.Exit();
            if (_accessLog && logger.IsEnabled(LogLevel.Information))
            {
                var (status, latency) = (code.ToString(), Stopwatch.GetElapsedTime(received).TotalMilliseconds);
                LogAccess(logger, modelId, status, (int)code, latency, options.Value.SiloId, loadIfAbsent, waitedForLoad);
            }
        }
    }

    public async ValueTask<RepositoryIndexResponse> GetRepositoryIndexAsync(bool readyOnly, CancellationToken cancellationToken)
    {
        var index = new RepositoryIndexResponse();
        foreach (var copy in cache.Copies())
        {
            if (!readyOnly || copy.State == CopyState.Loaded)
            {
                index.Models.Add(new RepositoryIndexResponse.Types.ModelIndex
                {
                    Name = copy.ModelId,
                    State = copy.State == CopyState.Loaded ? "READY" : copy.State.ToString().ToUpperInvariant(),
                    Reason = copy.Error ?? "",
                });
            }
        }

        return await ValueTask.FromResult(index);
    }

    public async ValueTask LoadModelAsync(string name, CancellationToken cancellationToken)
    {
        var model = await registry.GetModelAsync(name, cancellationToken) ?? throw ServingException.NotFound($"unknown model '{name}'");
        var copy = await cache.EnsureLoadedAsync(model, spare: false, wait: true, cancellationToken);
        if (copy.State == CopyState.Failed)
        {
            throw new ServingException(StatusCode.FailedPrecondition, $"model '{name}' failed to load: {copy.Error}");
        }
    }

    public ValueTask UnloadModelAsync(string name, CancellationToken cancellationToken)
    {
        cache.Unload(name);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// This silo's own counts (a client calling the silo directly; front doors sum every silo's through the Silo
    /// service's GetStatistics): the models it has run, and its copies that have not run yet with zeros.
    /// </summary>
    public ValueTask<ModelStatisticsResponse> GetModelStatisticsAsync(string? name, string? version, CancellationToken cancellationToken)
    {
        var stats = statistics.Counted(name is null ? null : [name]).ToDictionary(s => (s.Name, s.Version));
        foreach (var copy in cache.Copies())
        {
            if (name is null || copy.ModelId == name)
            {
                stats.TryAdd((copy.ModelId, copy.Model.Version ?? "1"), statistics.Snapshot(copy.ModelId, copy.Model.Version ?? "1"));
            }
        }

        var response = new ModelStatisticsResponse();
        response.ModelStats.Add(stats.Values
            .Where(s => version is null || s.Version == version)
            .OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Version, StringComparer.Ordinal));
        if (name is not null && response.ModelStats.Count == 0)
        {
            throw ServingException.NotFound(version is null
                ? $"model '{name}' has neither run nor been loaded on this silo"
                : $"model '{name}' version '{version}' has neither run nor been loaded on this silo");
        }

        return ValueTask.FromResult(response);
    }
}
