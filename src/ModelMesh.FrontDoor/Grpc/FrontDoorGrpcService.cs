using Microsoft.Extensions.Options;
using ModelMesh.FrontDoor.Management;
using ModelMesh.FrontDoor.Routing;
using ModelMesh.Grpc;
using ModelMesh.Serving;
using ModelMesh.Serving.Grpc;

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

    private async ValueTask<ReadOnlyMemory<byte>> ForwardInferAsync(ReadOnlyMemory<byte> request, ServerCallContext context) =>
        await FrontDoorErrors.Guard(async () =>
        {
            var (name, version) = InferRequestPeek.Read(request.Span);
            if (name.Length == 0)
            {
                throw ServingException.InvalidArgument("model name is empty");
            }

            var model = await router.ResolveAsync(name, version, context.CancellationToken);
            var fallback = time.GetUtcNow().UtcDateTime + options.Value.DefaultDeadline;
            var deadline = context.Deadline < fallback ? context.Deadline : fallback;
            var result = await router.ForwardInferAsync(model, request, deadline, context.CancellationToken);
            return result.Response;
        });
}
