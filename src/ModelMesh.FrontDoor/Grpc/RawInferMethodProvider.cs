using Grpc.AspNetCore.Server.Model;
using ModelMesh.Serving.Grpc;

namespace ModelMesh.FrontDoor.Grpc;

/// <summary>Binds the front door's hand-registered ModelInfer (<see cref="RawInferMethods.Server"/>) to <see cref="FrontDoorGrpcService"/>.</summary>
public sealed class RawInferMethodProvider : IServiceMethodProvider<FrontDoorGrpcService>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<FrontDoorGrpcService> context) =>
        context.AddUnaryMethod(RawInferMethods.Server, [], (service, request, call) => service.ForwardInferAsync(request, call));
}
