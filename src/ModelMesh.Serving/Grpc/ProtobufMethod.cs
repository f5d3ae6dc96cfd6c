using Google.Protobuf;
using ModelMesh.Grpc;

namespace ModelMesh.Serving.Grpc;

/// <summary>Builds gRPC method descriptors for protobuf messages.</summary>
public static class ProtobufMethod
{
    public static Method<TRequest, TResponse> Create<TRequest, TResponse>(string serviceName, string name)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse>, new() =>
        new(serviceName, name, Marshallers.Protobuf<TRequest>(), Marshallers.Protobuf<TResponse>());
}
