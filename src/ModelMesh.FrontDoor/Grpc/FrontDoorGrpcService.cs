using System.Diagnostics;
using Grpc.Core;
using Microsoft.Extensions.Options;
using ModelMesh.FrontDoor.Routing;
using ModelMesh.Registry;
using ModelMesh.Serving;
using ModelMesh.Serving.Grpc;
using ModelMesh.Serving.Tracing;

namespace ModelMesh.FrontDoor.Grpc;

/// <summary>
/// The front door's ModelInfer: the request is forwarded to a silo as the bytes it arrived as (a pooled
/// <see cref="PooledPayload"/>), after reading only the model name and version (<see cref="InferRequestPeek"/>);
/// the silo's response bytes go back the same way. The other V2 methods are <see cref="FrontDoorInferenceGrpcService"/>'s,
/// whose typed ModelInfer endpoint this method's endpoint takes precedence over (<see cref="FrontDoorGrpcEndpoints"/>).
/// </summary>
public sealed class FrontDoorGrpcService(InferenceRouter router, IOptions<FrontDoorOptions> options, TimeProvider time)
{
    public async Task<PooledPayload> ForwardInferAsync(PooledPayload request, ServerCallContext context)
    {
        using var owned = request;
        using var activity = ModelMeshActivitySources.StartServer(ModelMeshActivitySources.FrontDoor, "ModelInfer",
            context.RequestHeaders.GetValue("traceparent"), context.RequestHeaders.GetValue("tracestate"));
        try
        {
            var response = await FrontDoorErrors.Guard(() => RouteAsync(request, context, activity));
            activity?.SetTag("rpc.grpc.status_code", (int)StatusCode.OK);
            return response;
        }
        catch (RpcException e) when (activity is not null)
        {
            activity.SetTag("rpc.grpc.status_code", (int)e.StatusCode);
            activity.SetStatus(ActivityStatusCode.Error, e.Status.Detail);
            throw;
        }
    }

    private async Task<PooledPayload> RouteAsync(PooledPayload request, ServerCallContext context, Activity? activity)
    {
        var (name, version) = InferRequestPeek.Read(request.Memory.Span);
        var started = Stopwatch.GetTimestamp();
        ModelRecord model;
        try
        {
            if (name.Length == 0)
            {
                throw ServingException.InvalidArgument("model name is empty");
            }

            model = await router.ResolveAsync(name, version, context.CancellationToken);
        }
        catch (Exception e) when (e is ServingException or RpcException or OperationCanceledException)
        {
            router.LogRefusedBeforeRouting(name, e, Stopwatch.GetElapsedTime(started), request.Memory.Span);
            throw;
        }

        activity?.SetTag("modelmesh.model_id", model.ModelId);
        var fallback = time.GetUtcNow().UtcDateTime + options.Value.DefaultDeadline;
        var deadline = context.Deadline < fallback ? context.Deadline : fallback;
        return await router.ForwardInferAsync(model, request, deadline, context.CancellationToken);
    }
}
