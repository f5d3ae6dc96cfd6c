using System.Buffers;

namespace ModelMesh.Grpc.Tests;

public class LengthPrefixedMessageAssemblerTests
{
    private static byte[] Frame(byte[] message, bool compressed = false)
    {
        var framed = new byte[LengthPrefix.Size + message.Length];
        LengthPrefix.Write(framed, compressed, message.Length);
        message.CopyTo(framed, LengthPrefix.Size);
        return framed;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(1000)]
    public void Consume_MessageSplitAcrossSegments_AssemblesWholeMessage(int pieceSize)
    {
        var message = TestMethods.Pattern(300);
        var buffer = SegmentedSequence.Create(SegmentedSequence.Split(Frame(message), pieceSize));
        using var assembler = new LengthPrefixedMessageAssembler(1024);

        var status = assembler.Consume(ref buffer);

        Assert.Equal(MessageReadStatus.Complete, status);
        Assert.True(buffer.IsEmpty);
        Assert.Equal(message, assembler.Message.ToArray());
        Assert.False(assembler.IsCompressed);
    }

    [Fact]
    public void Consume_BytesArriveOneReadAtATime_CompletesOnLastByte()
    {
        var framed = Frame(TestMethods.Pattern(40), compressed: true);
        using var assembler = new LengthPrefixedMessageAssembler(1024);
        var pending = ReadOnlySequence<byte>.Empty;
        var statuses = new List<MessageReadStatus>();

        for (var i = 0; i < framed.Length; i++)
        {
            // Like a PipeReader: unconsumed bytes stay in front of the newly arrived ones.
            var next = pending.ToArray().Concat(new[] { framed[i] }).ToArray();
            var buffer = new ReadOnlySequence<byte>(next);
            statuses.Add(assembler.Consume(ref buffer));
            pending = buffer;
        }

        Assert.All(statuses.Take(statuses.Count - 1), s => Assert.Equal(MessageReadStatus.NeedMoreData, s));
        Assert.Equal(MessageReadStatus.Complete, statuses[^1]);
        Assert.True(assembler.IsCompressed);
        Assert.Equal(TestMethods.Pattern(40), assembler.Message.ToArray());
    }

    [Fact]
    public void Consume_PrefixIncomplete_ConsumesNothing()
    {
        var buffer = SegmentedSequence.Create([0], [0, 0]);
        using var assembler = new LengthPrefixedMessageAssembler(1024);

        var status = assembler.Consume(ref buffer);

        Assert.Equal(MessageReadStatus.NeedMoreData, status);
        Assert.Equal(3, buffer.Length);
        Assert.False(assembler.HasHeader);
    }

    [Fact]
    public void Consume_EmptyMessage_CompletesWithEmptyPayload()
    {
        var buffer = new ReadOnlySequence<byte>(Frame([]));
        using var assembler = new LengthPrefixedMessageAssembler(1024);

        Assert.Equal(MessageReadStatus.Complete, assembler.Consume(ref buffer));
        Assert.True(assembler.Message.IsEmpty);
    }

    [Fact]
    public void Consume_DeclaredLengthOverLimit_ReportsTooLargeBeforeBuffering()
    {
        var prefix = new byte[LengthPrefix.Size];
        LengthPrefix.Write(prefix, compressed: false, length: 2000);
        var buffer = new ReadOnlySequence<byte>(prefix);
        using var assembler = new LengthPrefixedMessageAssembler(1999);

        Assert.Equal(MessageReadStatus.TooLarge, assembler.Consume(ref buffer));
        Assert.Equal(2000, assembler.DeclaredLength);
    }

    [Fact]
    public void Consume_CompressedFlagNotZeroOrOne_ReportsInvalidFlag()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 2, 0, 0, 0, 0 });
        using var assembler = new LengthPrefixedMessageAssembler(10);

        Assert.Equal(MessageReadStatus.InvalidCompressedFlag, assembler.Consume(ref buffer));
    }

    [Fact]
    public void Consume_TrailingBytesAfterMessage_LeavesThemInBuffer()
    {
        var framed = Frame([1, 2, 3]).Concat(new byte[] { 0, 0 }).ToArray();
        var buffer = SegmentedSequence.Create(SegmentedSequence.Split(framed, 4));
        using var assembler = new LengthPrefixedMessageAssembler(10);

        Assert.Equal(MessageReadStatus.Complete, assembler.Consume(ref buffer));
        Assert.Equal(2, buffer.Length);
    }

    [Fact]
    public void Write_LengthPrefix_IsFlagThenBigEndianLength()
    {
        var prefix = new byte[LengthPrefix.Size];

        LengthPrefix.Write(prefix, compressed: true, length: 0x01020304);

        Assert.Equal(new byte[] { 1, 1, 2, 3, 4 }, prefix);
    }
}
