using System.Buffers;
using System.Text;
using ModelMesh.Registry.Resp;

namespace ModelMesh.Registry.Tests.Resp;

public sealed class RespReplyParserTests
{
    [Fact]
    public void TryParse_EveryPrefixOfAReply_IncompleteUntilTheLastByte()
    {
        var wire = Encoding.UTF8.GetBytes("*3\r\n$5\r\nhello\r\n*2\r\n:-7\r\n$-1\r\n*-1\r\n");
        for (var length = 0; length < wire.Length; length++)
        {
            var partial = new ReadOnlySequence<byte>(wire, 0, length);
            Assert.False(RespReplyParser.TryParse(ref partial, out _));
        }

        var whole = new ReadOnlySequence<byte>(wire);
        Assert.True(RespReplyParser.TryParse(ref whole, out var value));
        Assert.True(whole.IsEmpty);
        Assert.Equal("hello", value.Items[0].AsString());
        Assert.Equal(-7, value.Items[1].Items[0].Integer);
        Assert.True(value.Items[1].Items[1].IsNull);
        Assert.Equal(RespType.Array, value.Items[2].Type);
        Assert.True(value.Items[2].IsNull);
    }

    [Fact]
    public void TryParse_TwoRepliesBackToBack_SlicesOneAtATime()
    {
        var sequence = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes("+OK\r\n-ERR bad thing\r\n"));

        Assert.True(RespReplyParser.TryParse(ref sequence, out var first));
        Assert.True(RespReplyParser.TryParse(ref sequence, out var second));

        Assert.Equal((RespType.SimpleString, "OK"), (first.Type, first.AsString()));
        Assert.Equal((RespType.Error, "ERR bad thing"), (second.Type, second.AsString()));
        Assert.True(sequence.IsEmpty);
    }

    [Theory]
    [InlineData("!oops\r\n")]
    [InlineData(":12x\r\n")]
    [InlineData("$3\r\nabcde\r\n")]
    public void TryParse_Malformed_ThrowsProtocolException(string wire)
    {
        var sequence = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(wire));
        Assert.Throws<RespProtocolException>(() => RespReplyParser.TryParse(ref sequence, out _));
    }
}
