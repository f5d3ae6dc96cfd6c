using Grpc.Core;
using ModelMesh.Contracts.Inference;

namespace ModelMesh.Serving.Grpc;

/// <summary>
/// The V2 gRPC service over an <see cref="IInferenceServer"/>: the six core RPCs and the repository and statistics extensions.
/// <see cref="ServingException"/>s become gRPC statuses; the server keeps serving after any bad request. A role that
/// serves ModelInfer differently (the silo with its routing headers) overrides it; a new method of
/// <c>inference.GRPCInferenceService</c> is one more override here.
/// </summary>
public class InferenceGrpcService(IInferenceServer server) : GRPCInferenceService.GRPCInferenceServiceBase
{
    public override Task<ServerLiveResponse> ServerLive(ServerLiveRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerLiveResponse { Live = true });

    public override Task<ServerReadyResponse> ServerReady(ServerReadyRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerReadyResponse { Ready = server.IsReady });

    public override Task<ServerMetadataResponse> ServerMetadata(ServerMetadataRequest request, ServerCallContext context) =>
        Task.FromResult(server.GetServerMetadata());

    public override Task<ModelReadyResponse> ModelReady(ModelReadyRequest request, ServerCallContext context) => Guard(async () =>
        new ModelReadyResponse { Ready = await server.IsModelReadyAsync(RequireName(request.Name), NullIfEmpty(request.Version), context.CancellationToken) });

    public override Task<ModelMetadataResponse> ModelMetadata(ModelMetadataRequest request, ServerCallContext context) => Guard(() =>
        server.GetModelMetadataAsync(RequireName(request.Name), NullIfEmpty(request.Version), context.CancellationToken).AsTask());

    public override Task<ModelInferResponse> ModelInfer(ModelInferRequest request, ServerCallContext context) => Guard(() =>
    {
        RequireName(request.ModelName);
        return server.InferAsync(request, context.CancellationToken).AsTask();
    });

    public override Task<RepositoryIndexResponse> RepositoryIndex(RepositoryIndexRequest request, ServerCallContext context) => Guard(() =>
        server.GetRepositoryIndexAsync(request.Ready, context.CancellationToken).AsTask());

    public override Task<RepositoryModelLoadResponse> RepositoryModelLoad(RepositoryModelLoadRequest request, ServerCallContext context) => Guard(async () =>
    {
        await server.LoadModelAsync(RequireName(request.ModelName), context.CancellationToken);
        return new RepositoryModelLoadResponse();
    });

    public override Task<RepositoryModelUnloadResponse> RepositoryModelUnload(RepositoryModelUnloadRequest request, ServerCallContext context) => Guard(async () =>
    {
        await server.UnloadModelAsync(RequireName(request.ModelName), context.CancellationToken);
        return new RepositoryModelUnloadResponse();
    });

    public override Task<ModelStatisticsResponse> ModelStatistics(ModelStatisticsRequest request, ServerCallContext context) => Guard(() =>
        request.Name.Length == 0 && request.Version.Length > 0
            ? throw ServingException.InvalidArgument("a version needs a model name")
            : server.GetModelStatisticsAsync(NullIfEmpty(request.Name), NullIfEmpty(request.Version), context.CancellationToken).AsTask());

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
