using Grpc.Core;
using ModelMesh.Contracts.Inference;

namespace ModelMesh.Serving.Grpc;

/// <summary>
/// <c>inference.GRPCInferenceService/ModelInfer</c> over serialized bytes, for callers that forward or replay a request
/// without parsing its tensors (the front door, load generators). Messages are <see cref="PooledPayload"/>s: read from
/// <see cref="DeserializationContext.PayloadAsReadOnlySequence"/> into a pooled array and written from it with a known
/// length (Grpc.AspNetCore then writes straight to the response pipe, Grpc.Net.Client into a pooled buffer).
/// </summary>
public static class RawInferMethods
{
    /// <summary>
    /// Server side: the handler owns (and disposes) the request; the response is returned to the pool once written.
    /// </summary>
    public static readonly Method<PooledPayload, PooledPayload> Server = Create(
        Marshallers.Create(serializer: WriteAndRelease, deserializer: Read));

    /// <summary>
    /// Client side: the request stays the caller's (a retry sends it again); the caller owns (and disposes) the response.
    /// </summary>
    public static readonly Method<PooledPayload, PooledPayload> Client = Create(
        Marshallers.Create(serializer: Write, deserializer: Read));

    private static Method<PooledPayload, PooledPayload> Create(Marshaller<PooledPayload> marshaller) =>
        new(MethodType.Unary, GRPCInferenceService.Descriptor.FullName, "ModelInfer", marshaller, marshaller);

    private static PooledPayload Read(DeserializationContext context) => PooledPayload.CopyOf(context.PayloadAsReadOnlySequence());

    private static void Write(PooledPayload payload, SerializationContext context)
    {
        var bytes = payload.Memory.Span;
        context.SetPayloadLength(bytes.Length);
        var writer = context.GetBufferWriter();
        var offset = 0;
        while (offset < bytes.Length)
        {
            var chunk = writer.GetSpan(Math.Min(bytes.Length - offset, 64 * 1024));
            var count = Math.Min(chunk.Length, bytes.Length - offset);
            bytes.Slice(offset, count).CopyTo(chunk);
            writer.Advance(count);
            offset += count;
        }

        context.Complete();
    }

    private static void WriteAndRelease(PooledPayload payload, SerializationContext context)
    {
        try
        {
            Write(payload, context);
        }
        finally
        {
            payload.Dispose();
        }
    }
}
