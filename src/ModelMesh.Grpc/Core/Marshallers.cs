using Google.Protobuf;

namespace ModelMesh.Grpc;

/// <summary>Ready-made marshallers.</summary>
public static class Marshallers
{
    /// <summary>A protobuf marshaller for <typeparamref name="T"/> (one cached instance per type).</summary>
    public static Marshaller<T> Protobuf<T>()
        where T : IMessage<T>, new() => ProtobufMarshallerCache<T>.Instance;

    private static class ProtobufMarshallerCache<T>
        where T : IMessage<T>, new()
    {
        private static readonly MessageParser<T> Parser = new(() => new T());

        public static readonly Marshaller<T> Instance = new(
            static message => message.ToByteArray(),
            static (message, writer) => message.WriteTo(writer),
            static data => Parser.ParseFrom(data));
    }
}
