namespace ModelMesh.Client.Tests.Client;

public class EndpointAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:8033", "http://127.0.0.1:8033/")]
    [InlineData("localhost:9000", "http://localhost:9000/")]
    [InlineData("frontdoor", "http://frontdoor:8033/")]
    [InlineData("frontdoor:80", "http://frontdoor/")]
    [InlineData("[::1]:7000", "http://[::1]:7000/")]
    [InlineData("[::1]", "http://[::1]:8033/")]
    [InlineData("http://10.0.0.5:8033", "http://10.0.0.5:8033/")]
    [InlineData("https://mesh.example.com", "https://mesh.example.com/")]
    public void Parse_Endpoint_ReturnsChannelAddress(string endpoint, string expected) =>
        Assert.Equal(new Uri(expected), EndpointAddress.Parse(endpoint));

    [Theory]
    [InlineData("")]
    [InlineData("ftp://host:21")]
    [InlineData("host:port")]
    [InlineData("host:8033/path")]
    public void Parse_BadEndpoint_ThrowsFormatException(string endpoint) =>
        Assert.Throws<FormatException>(() => EndpointAddress.Parse(endpoint));
}
