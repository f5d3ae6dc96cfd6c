using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using ModelMesh.Serving.Grpc;

namespace ModelMesh.FrontDoor.Grpc;

/// <summary>
/// Maps the front door's gRPC services. ModelInfer is registered by hand (<see cref="RawInferMethods.Server"/>, a
/// <see cref="IServiceMethodProvider{TService}"/> of <see cref="FrontDoorGrpcService"/>) on the same path as the typed
/// V2 service's ModelInfer; its endpoint has a lower route order, so routing always picks it (a test checks it is the one that answers).
/// </summary>
public static class FrontDoorGrpcEndpoints
{
    public static void MapFrontDoorGrpc(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<FrontDoorGrpcService>().Add(e =>
        {
            // Only the method's own endpoint: the library also maps a catch-all UNIMPLEMENTED endpoint per service,
            // which must stay behind the typed service's methods.
            if (e is RouteEndpointBuilder route && route.Metadata.Any(m => m is GrpcMethodMetadata))
            {
                route.Order = -1;
            }
        });
        endpoints.MapGrpcService<FrontDoorInferenceGrpcService>();
        endpoints.MapGrpcService<ManagementGrpcService>();
        endpoints.MapModelMeshGrpcInfrastructure();
    }
}
