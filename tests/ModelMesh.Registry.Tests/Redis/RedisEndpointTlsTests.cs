namespace ModelMesh.Registry.Tests.Redis;

/// <summary>The TLS files of a rediss:// URL: cacert, cert and key query parameters.</summary>
public sealed class RedisEndpointTlsTests
{
    [Fact]
    public void Parse_TlsFilesInQuery_Fields()
    {
        var endpoint = RedisEndpoint.Parse("rediss://:pw@cache.example:6380/1?cacert=%2Fetc%2Fmm%2Fca.pem&cert=/c.pem&key=/k%20x.pem");

        Assert.Equal(new RedisEndpoint("cache.example", 6380, true, null, "pw", 1), endpoint with { CaCertificateFile = null, ClientCertificateFile = null, ClientKeyFile = null });
        Assert.Equal(("/etc/mm/ca.pem", "/c.pem", "/k x.pem"), (endpoint.CaCertificateFile, endpoint.ClientCertificateFile, endpoint.ClientKeyFile));
    }

    [Fact]
    public void Parse_NoQuery_NoTlsFiles()
    {
        var endpoint = RedisEndpoint.Parse("rediss://h:1");

        Assert.Null(endpoint.CaCertificateFile ?? endpoint.ClientCertificateFile ?? endpoint.ClientKeyFile);
    }

    [Theory]
    [InlineData("redis://h:1?cacert=/ca.pem")]
    [InlineData("rediss://h:1?cacert=")]
    [InlineData("rediss://h:1?ca=/ca.pem")]
    [InlineData("rediss://h:1?cacert=/ca.pem&verify=no")]
    public void Parse_BadTlsQuery_Throws(string url) => Assert.Throws<ArgumentException>(() => RedisEndpoint.Parse(url));
}
