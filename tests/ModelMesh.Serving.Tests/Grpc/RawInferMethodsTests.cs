using System.Buffers;
using Grpc.Core;
using ModelMesh.Serving.Grpc;

namespace ModelMesh.Serving.Tests.Grpc;

/// <summary>
/// The front door's forwarding marshallers: bytes pass unchanged, and a 4 MiB message does not become a new array per
/// call (allocation measured with GC.GetAllocatedBytesForCurrentThread, as a ratio of the bytes moved). The contexts
/// below implement Grpc.Core.Api's abstract DeserializationContext / SerializationContext the way the library's own do
/// (a payload sequence in; a length, a buffer writer and Complete out).
/// </summary>
public sealed class RawInferMethodsTests
{
    private const int FourMiB = 4 * 1024 * 1024;

    [Fact]
    public void ServerRequestThenClientRequest_BytesPassUnchanged()
    {
        var message = Pattern(FourMiB + 17);
        using var request = RawInferMethods.Server.RequestMarshaller.ContextualDeserializer(new SegmentedDeserialization(message, 3));
        var written = new ArrayBufferWriter<byte>();

        RawInferMethods.Client.RequestMarshaller.ContextualSerializer(request, new BufferSerialization(written));

        Assert.Equal(message, written.WrittenSpan.ToArray());
        Assert.Equal(message.Length, request.Length);
    }

    [Fact]
    public void ForwardingFourMiB_TwentyTimes_AllocatesUnderOnePercentOfTheBytesMoved()
    {
        var message = Pattern(FourMiB);
        var written = new ArrayBufferWriter<byte>(FourMiB);
        Forward(message, written);
        const int calls = 20;

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < calls; i++)
        {
            Forward(message, written);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < calls * (long)FourMiB / 100, $"{allocated} bytes allocated for {calls} forwarded 4 MiB messages");
    }

    [Fact]
    public void ServerResponse_ReturnedToThePoolOnceWritten_ClientRequestStaysTheCallers()
    {
        var message = Pattern(1000);
        var response = PooledPayload.CopyOf(message);
        var request = PooledPayload.CopyOf(message);

        RawInferMethods.Server.ResponseMarshaller.ContextualSerializer(response, new BufferSerialization(new ArrayBufferWriter<byte>()));
        RawInferMethods.Client.RequestMarshaller.ContextualSerializer(request, new BufferSerialization(new ArrayBufferWriter<byte>()));

        Assert.Throws<ObjectDisposedException>(() => response.Memory);
        Assert.Equal(message, request.Memory.ToArray());
        request.Dispose();
    }

    /// <summary>One forwarded call: request read on the server side, written by the client side, then released.</summary>
    private static void Forward(byte[] message, ArrayBufferWriter<byte> written)
    {
        written.ResetWrittenCount();
        using var request = RawInferMethods.Server.RequestMarshaller.ContextualDeserializer(new SegmentedDeserialization(message, 1));
        RawInferMethods.Client.RequestMarshaller.ContextualSerializer(request, new BufferSerialization(written));
    }

    private static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(i * 31 + 7);
        }

        return bytes;
    }

    private sealed class SegmentedDeserialization(byte[] message, int segments) : DeserializationContext
    {
        public override int PayloadLength => message.Length;

        public override ReadOnlySequence<byte> PayloadAsReadOnlySequence()
        {
            if (segments == 1)
            {
                return new ReadOnlySequence<byte>(message);
            }

            var size = message.Length / segments;
            var first = new Segment(message.AsMemory(0, size), 0);
            var last = first;
            for (var offset = size; offset < message.Length; offset += size)
            {
                last = last.Append(message.AsMemory(offset, Math.Min(size, message.Length - offset)));
            }

            return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        }
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }

    private sealed class BufferSerialization(ArrayBufferWriter<byte> writer) : SerializationContext
    {
        private int _length = -1;

        public override void SetPayloadLength(int payloadLength) => _length = payloadLength;

        public override IBufferWriter<byte> GetBufferWriter() => writer;

        public override void Complete() => Assert.Equal(_length, writer.WrittenCount);
    }
}
