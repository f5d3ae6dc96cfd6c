using ModelMesh.Contracts.Inference;

namespace ModelMesh.LoadGen.Targets;

/// <summary>One model's request, built once from its metadata: the V2 gRPC message and the V2 REST JSON body.</summary>
public sealed record PreparedInput(string Model, ModelInferRequest Grpc, byte[] GrpcBytes, byte[] RestJson, long InputBytes);
