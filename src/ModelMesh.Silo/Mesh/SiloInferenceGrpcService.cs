using Grpc.Core;
using ModelMesh.Contracts.Inference;
using ModelMesh.Serving;
using ModelMesh.Serving.Grpc;
using ModelMesh.Serving.Tracing;

namespace ModelMesh.Silo.Mesh;

/// <summary>
/// The silo's V2 service: ModelInfer honours the front door's <c>mm-model-id</c> and <c>mm-load-if-absent</c> headers
/// and continues the caller's trace; the other methods are <see cref="InferenceGrpcService"/>'s.
/// </summary>
public sealed class SiloInferenceGrpcService(SiloInferenceServer server, SiloIdentity identity) : InferenceGrpcService(server)
{
    public override async Task<ModelInferResponse> ModelInfer(ModelInferRequest request, ServerCallContext context)
    {
        using var activity = ModelMeshActivitySources.StartServer(ModelMeshActivitySources.Silo, "ModelInfer",
            context.RequestHeaders.GetValue("traceparent"), context.RequestHeaders.GetValue("tracestate"));
        try
        {
            var response = await Guard(() =>
            {
                var modelId = context.RequestHeaders.GetValue(SiloHeaders.ModelId) ?? request.ModelName;
                var load = context.RequestHeaders.GetValue(SiloHeaders.LoadIfAbsent);
                var loadIfAbsent = load is "1" or SiloHeaders.LoadEvictingRecent;
                var evictRecent = load == SiloHeaders.LoadEvictingRecent;
                if (modelId.Length == 0)
                {
                    throw ServingException.InvalidArgument("model name is empty");
                }

                activity?.SetTag("modelmesh.model_id", modelId);
                activity?.SetTag("modelmesh.silo_id", identity.SiloId);
                return server.InferAsync(request, modelId, loadIfAbsent, evictRecent, context.CancellationToken).AsTask();
            });
            activity?.SetTag("rpc.grpc.status_code", (int)StatusCode.OK);
            return response;
        }
        catch (RpcException e) when (activity is not null)
        {
            activity.SetTag("rpc.grpc.status_code", (int)e.StatusCode);
            activity.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.Status.Detail);
            throw;
        }
    }
}
