using Google.Protobuf;
using Microsoft.Extensions.Options;
using ModelMesh.Contracts.Inference;
using ModelMesh.FrontDoor.Management;
using ModelMesh.FrontDoor.Routing;
using Grpc.Core;
using ModelMesh.FrontDoor.Statistics;
using ModelMesh.Orleans.Cache;
using ModelMesh.Serving;
using ModelMesh.Serving.Grpc;

namespace ModelMesh.FrontDoor;

/// <summary>
/// The V2 protocol at the front door, over the router: inference loads on demand; ModelReady is true only
/// while a copy is loaded (it never waits for a load); ModelMetadata answers for any registered model,
/// loading a copy if needed; the repository extension maps onto the management operations; statistics are summed
/// over the silos (<see cref="MeshStatistics"/>).
/// </summary>
public sealed class MeshInferenceServer(
    RegistrationView view, InferenceRouter router, ModelManagement management, MeshStatistics statistics, CopyBoardView copies,
    SiloCopyCache cache, IOptions<FrontDoorOptions> options, TimeProvider time)
    : IInferenceServer
{
    /// <summary>Ready once the registrations are read, and until the silo starts draining.</summary>
    public bool IsReady => view.Synced && !cache.Draining;

    public ServerMetadataResponse GetServerMetadata() => new()
    {
        Name = "modelmesh",
        Version = typeof(MeshInferenceServer).Assembly.GetName().Version?.ToString() ?? "",
        Extensions = { "model_repository", "statistics" },
    };

    public async ValueTask<bool> IsModelReadyAsync(string name, string? version, CancellationToken cancellationToken)
    {
        var model = await router.ResolveAsync(name, version, cancellationToken);
        return copies.IsLoaded(model.ModelId);
    }

    public async ValueTask<ModelMetadataResponse> GetModelMetadataAsync(string name, string? version, CancellationToken cancellationToken)
    {
        var model = await router.ResolveAsync(name, version, cancellationToken);
        return await router.GetMetadataAsync(model, name, cancellationToken);
    }

    public async ValueTask<ModelSignature> GetModelSignatureAsync(string name, string? version, CancellationToken cancellationToken)
    {
        var metadata = await GetModelMetadataAsync(name, version, cancellationToken);
        return MetadataSignature.From(metadata);
    }

    public async ValueTask<ModelInferResponse> InferAsync(ModelInferRequest request, CancellationToken cancellationToken)
    {
        var model = await router.ResolveAsync(request.ModelName, request.ModelVersion, cancellationToken);
        using var payload = PooledPayload.Serialize(request);
        using var result = await router.ForwardInferAsync(model, payload, Deadline(), cancellationToken);
        return ModelInferResponse.Parser.ParseFrom(result.Memory.Span);
    }

    public async ValueTask<RepositoryIndexResponse> GetRepositoryIndexAsync(bool readyOnly, CancellationToken cancellationToken)
    {
        var index = new RepositoryIndexResponse();
        foreach (var status in await management.ListModelsAsync(cancellationToken))
        {
            var ready = status.Status == Contracts.Management.ModelStatus.Loaded;
            if (!readyOnly || ready)
            {
                index.Models.Add(new RepositoryIndexResponse.Types.ModelIndex
                {
                    Name = status.ModelId,
                    State = ready ? "READY" : status.Status == Contracts.Management.ModelStatus.Loading ? "LOADING" : "UNAVAILABLE",
                });
            }
        }

        return index;
    }

    public async ValueTask LoadModelAsync(string name, CancellationToken cancellationToken)
    {
        var model = await router.ResolveAsync(name, null, cancellationToken);
        var status = await management.EnsureLoadedAsync(model.ModelId, sync: true, cancellationToken);
        if (status.Status != Contracts.Management.ModelStatus.Loaded)
        {
            throw new ServingException(StatusCode.FailedPrecondition, $"model '{name}' did not load: {string.Join("; ", status.Errors)}");
        }
    }

    public async ValueTask UnloadModelAsync(string name, CancellationToken cancellationToken)
    {
        var model = await router.ResolveAsync(name, null, cancellationToken);
        await management.UnloadAllCopiesAsync(model.ModelId, cancellationToken);
    }

    public async ValueTask<ModelStatisticsResponse> GetModelStatisticsAsync(string? name, string? version, CancellationToken cancellationToken) =>
        await statistics.GetAsync(name, version, cancellationToken);

    private DateTime Deadline() => time.GetUtcNow().UtcDateTime + options.Value.DefaultDeadline;
}
