using ModelMesh.Contracts.Inference;
using ModelMesh.Grpc;

namespace ModelMesh.Serving.Grpc;

/// <summary>
/// The V2 gRPC service over an <see cref="IInferenceServer"/>: the six core RPCs and the repository and statistics extensions.
/// <see cref="ServingException"/>s become gRPC statuses; the server keeps serving after any bad request.
/// </summary>
public sealed class InferenceGrpcService(IInferenceServer server)
{
    /// <summary>Registers the service's methods; a silo passes <paramref name="includeModelInfer"/> false and serves ModelInfer itself.</summary>
    public void Register(GrpcMethodRegistry registry, bool includeModelInfer = true)
    {
        registry.AddUnary(InferenceServiceMethods.ServerLive, (_, _) => Task.FromResult(new ServerLiveResponse { Live = true }));
        registry.AddUnary(InferenceServiceMethods.ServerReady, (_, _) => Task.FromResult(new ServerReadyResponse { Ready = server.IsReady }));
        registry.AddUnary(InferenceServiceMethods.ServerMetadata, (_, _) => Task.FromResult(server.GetServerMetadata()));
        registry.AddUnary(InferenceServiceMethods.ModelReady, (r, c) => Guard(async () =>
            new ModelReadyResponse { Ready = await server.IsModelReadyAsync(RequireName(r.Name), NullIfEmpty(r.Version), c.CancellationToken) }));
        registry.AddUnary(InferenceServiceMethods.ModelMetadata, (r, c) => Guard(() =>
            server.GetModelMetadataAsync(RequireName(r.Name), NullIfEmpty(r.Version), c.CancellationToken).AsTask()));
        if (includeModelInfer)
        {
            registry.AddUnary(InferenceServiceMethods.ModelInfer, (r, c) => Guard(() =>
            {
                RequireName(r.ModelName);
                return server.InferAsync(r, c.CancellationToken).AsTask();
            }));
        }

        registry.AddUnary(InferenceServiceMethods.RepositoryIndex, (r, c) => Guard(() =>
            server.GetRepositoryIndexAsync(r.Ready, c.CancellationToken).AsTask()));
        registry.AddUnary(InferenceServiceMethods.RepositoryModelLoad, (r, c) => Guard(async () =>
        {
            await server.LoadModelAsync(RequireName(r.ModelName), c.CancellationToken);
            return new RepositoryModelLoadResponse();
        }));
        registry.AddUnary(InferenceServiceMethods.RepositoryModelUnload, (r, c) => Guard(async () =>
        {
            await server.UnloadModelAsync(RequireName(r.ModelName), c.CancellationToken);
            return new RepositoryModelUnloadResponse();
        }));
        registry.AddUnary(InferenceServiceMethods.ModelStatistics, (r, c) => Guard(() => r.Name.Length == 0 && r.Version.Length > 0
            ? throw ServingException.InvalidArgument("a version needs a model name")
            : server.GetModelStatisticsAsync(NullIfEmpty(r.Name), NullIfEmpty(r.Version), c.CancellationToken).AsTask()));
    }

    /// <summary>Runs a call, turning <see cref="ServingException"/> into the matching gRPC status.</summary>
    public static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ServingException e)
        {
            throw new RpcException(new Status(e.Code, e.Message));
        }
    }

    private static string RequireName(string name) =>
        name.Length > 0 ? name : throw ServingException.InvalidArgument("model name is empty");

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
