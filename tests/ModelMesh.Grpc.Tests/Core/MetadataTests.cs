namespace ModelMesh.Grpc.Tests;

public class MetadataTests
{
    [Fact]
    public void Add_MixedCaseKey_StoresLowerCase()
    {
        var metadata = new Metadata { { "X-Request-Id", "abc" } };

        Assert.Equal("x-request-id", metadata[0].Key);
        Assert.Equal("abc", metadata.GetValue("x-request-id"));
        Assert.Equal("abc", metadata.GetValue("X-REQUEST-ID"));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("colon:")]
    [InlineData("slash/")]
    [InlineData("ünicode")]
    [InlineData("")]
    public void Add_InvalidKey_Throws(string key)
    {
        var metadata = new Metadata();

        Assert.ThrowsAny<ArgumentException>(() => metadata.Add(key, "value"));
    }

    [Theory]
    [InlineData("a.b_c-d")]
    [InlineData("0123456789")]
    [InlineData("grpc-status-details-bin")]
    public void Add_ValidKeyCharacters_Accepted(string key)
    {
        var metadata = new Metadata();
        if (key.EndsWith("-bin", StringComparison.Ordinal))
        {
            metadata.Add(key, [1]);
        }
        else
        {
            metadata.Add(key, "v");
        }

        Assert.Equal(1, metadata.Count);
    }

    [Fact]
    public void Add_StringValueForBinKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Metadata().Add("data-bin", "text"));
    }

    [Fact]
    public void Add_BytesForAsciiKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Metadata().Add("data", [1, 2]));
    }

    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("é")]
    public void Add_NonPrintableAsciiValue_Throws(string value)
    {
        Assert.Throws<ArgumentException>(() => new Metadata().Add("key", value));
    }

    [Fact]
    public void GetValueBytes_BinaryEntry_ReturnsBytesAndIsBinary()
    {
        var metadata = new Metadata { { "trace-bin", new byte[] { 1, 2, 3 } }, { "plain", "p" } };

        Assert.Equal(new byte[] { 1, 2, 3 }, metadata.GetValueBytes("trace-bin"));
        Assert.True(metadata[0].IsBinary);
        Assert.False(metadata[1].IsBinary);
        Assert.Null(metadata.GetValue("trace-bin"));
        Assert.Null(metadata.GetValueBytes("missing"));
    }

    [Theory]
    [InlineData("AQID", new byte[] { 1, 2, 3 })]
    [InlineData("AQI", new byte[] { 1, 2 })]
    [InlineData("AQI=", new byte[] { 1, 2 })]
    [InlineData("AQ", new byte[] { 1 })]
    [InlineData("AQ==", new byte[] { 1 })]
    public void TryDecodeBase64_PaddedOrUnpadded_Decodes(string text, byte[] expected)
    {
        Assert.True(MetadataHeaderCodec.TryDecodeBase64(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void AddReceived_CommaJoinedBinaryValues_SplitsBeforeDecoding()
    {
        var metadata = new Metadata();

        MetadataHeaderCodec.AddReceived(metadata, "Data-Bin", "AQ, AQI=,@@@");

        Assert.Equal(2, metadata.Count);
        Assert.Equal(new byte[] { 1 }, metadata[0].ValueBytes);
        Assert.Equal(new byte[] { 1, 2 }, metadata[1].ValueBytes);
        Assert.Equal("data-bin", metadata[0].Key);
    }

    [Fact]
    public void EncodeValue_BinaryEntry_IsUnpaddedBase64()
    {
        Assert.Equal("AQI", MetadataHeaderCodec.EncodeValue(new Metadata.Entry("x-bin", null, [1, 2])));
    }

    [Theory]
    [InlineData(":path", true)]
    [InlineData("content-type", true)]
    [InlineData("grpc-timeout", true)]
    [InlineData("te", true)]
    [InlineData("x-custom", false)]
    [InlineData("user-agent", false)]
    public void IsReserved_ProtocolHeaders_AreNotMetadata(string name, bool reserved)
    {
        Assert.Equal(reserved, MetadataHeaderCodec.IsReserved(name, keepEncodingHeaders: false));
    }

    [Fact]
    public void RpcException_Message_NamesCodeAndDetail()
    {
        var exception = new RpcException(new Status(StatusCode.NotFound, "model m1"));

        Assert.Equal("Status(StatusCode=\"NotFound\", Detail=\"model m1\")", exception.Message);
        Assert.Equal(StatusCode.NotFound, exception.StatusCode);
        Assert.Equal(0, exception.Trailers.Count);
    }
}
