using System.Diagnostics;
using Microsoft.Extensions.Options;
using ModelMesh.FrontDoor.Management;
using ModelMesh.FrontDoor.Routing;
using Grpc.Core;
using ModelMesh.Registry;
using ModelMesh.Serving;
using ModelMesh.Serving.Grpc;
using ModelMesh.Serving.Tracing;

namespace ModelMesh.FrontDoor.Grpc;

/// <summary>
/// The front door's gRPC surface: V2 (ModelInfer forwarded as raw bytes after reading only the model name
/// and version) and the management service.
/// </summary>
public sealed class FrontDoorGrpcService(
    MeshInferenceServer server, InferenceRouter router, ManagementGrpcService management, IOptions<FrontDoorOptions> options, TimeProvider time)
{
    private const string ModelInferPath = "/" + InferenceServiceMethods.ServiceName + "/ModelInfer";

    public void Register(GrpcMethodRegistry methods)
    {
        new InferenceGrpcService(server).Register(methods, includeModelInfer: false);
        methods.AddRawUnary(ModelInferPath, ForwardInferAsync);
        management.Register(methods);
    }

    private async ValueTask<ReadOnlyMemory<byte>> ForwardInferAsync(ReadOnlyMemory<byte> request, ServerCallContext context)
    {
        using var activity = ModelMeshActivitySources.StartServer(ModelMeshActivitySources.FrontDoor, "ModelInfer",
            context.RequestHeaders.GetValue("traceparent"), context.RequestHeaders.GetValue("tracestate"));
        try
        {
            var response = await GuardedForwardAsync(request, context, activity);
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

    private async ValueTask<ReadOnlyMemory<byte>> GuardedForwardAsync(ReadOnlyMemory<byte> request, ServerCallContext context, Activity? activity) =>
        await FrontDoorErrors.Guard(async () =>
        {
            var (name, version) = InferRequestPeek.Read(request.Span);
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
                router.LogRefusedBeforeRouting(name, e, Stopwatch.GetElapsedTime(started), request.Span);
                throw;
            }

            activity?.SetTag("modelmesh.model_id", model.ModelId);
            var fallback = time.GetUtcNow().UtcDateTime + options.Value.DefaultDeadline;
            var deadline = context.Deadline < fallback ? context.Deadline : fallback;
            var result = await router.ForwardInferAsync(model, request, deadline, context.CancellationToken);
            return result.Response;
        });
}
