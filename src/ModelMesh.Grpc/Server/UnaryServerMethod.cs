namespace ModelMesh.Grpc;

/// <summary>A typed unary handler.</summary>
public delegate Task<TResponse> UnaryServerMethod<TRequest, TResponse>(TRequest request, ServerCallContext context);
