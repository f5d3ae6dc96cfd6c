namespace ModelMesh.Grpc.Tests;

public class PercentEncodingTests
{
    [Theory]
    [InlineData("plain ascii message")]
    [InlineData("")]
    [InlineData(TestMethods.UnicodeDetail)]
    [InlineData("100% sure")]
    [InlineData("line\nbreak\r\tand\u007fdel")]
    [InlineData("%%%")]
    public void Encode_ThenDecode_RoundTrips(string message)
    {
        var encoded = PercentEncoding.Encode(message);

        Assert.All(encoded, c => Assert.InRange(c, ' ', '~'));
        Assert.Equal(message, PercentEncoding.Decode(encoded));
    }

    [Fact]
    public void Encode_UnicodeAndPercent_EncodesUtf8BytesAsUpperHex()
    {
        Assert.Equal("a%25b %C3%A9", PercentEncoding.Encode("a%b é"));
    }

    [Fact]
    public void Encode_PrintableAscii_ReturnsSameInstance()
    {
        const string message = "Deadline Exceeded";

        Assert.Same(message, PercentEncoding.Encode(message));
    }

    [Theory]
    [InlineData("100%", "100%")]
    [InlineData("%zz here", "%zz here")]
    [InlineData("%4", "%4")]
    [InlineData("a%2", "a%2")]
    [InlineData("%e6%97%a5", "日")]
    [InlineData("%E6%97", "\uFFFD")]
    [InlineData("%FF", "\uFFFD")]
    [InlineData("ok %41 then %G1", "ok A then %G1")]
    [InlineData("raw é passes", "raw é passes")]
    public void Decode_MalformedOrLowercase_NeverThrows(string encoded, string expected)
    {
        Assert.Equal(expected, PercentEncoding.Decode(encoded));
    }
}
