using ModelMesh.Serving.Grpc;

namespace ModelMesh.FrontDoor.Grpc;

/// <summary>The front door's V2 service over the mesh; its ModelInfer is served by <see cref="FrontDoorGrpcService"/> without parsing tensors.</summary>
public sealed class FrontDoorInferenceGrpcService(MeshInferenceServer server) : InferenceGrpcService(server);
