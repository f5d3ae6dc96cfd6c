namespace ModelMesh.Registry.Tests.Redis;

public sealed class RedisEndpointTests
{
    [Theory]
    [InlineData("redis://localhost", "localhost", 6379, false, null, null, 0)]
    [InlineData("redis://10.0.0.5:7000/3", "10.0.0.5", 7000, false, null, null, 3)]
    [InlineData("rediss://cache.example:6380", "cache.example", 6380, true, null, null, 0)]
    [InlineData("redis://:p%40ss@h:1", "h", 1, false, null, "p@ss", 0)]
    [InlineData("redis://secret@h:1", "h", 1, false, null, "secret", 0)]
    [InlineData("redis://alice:pw@h:1/0", "h", 1, false, "alice", "pw", 0)]
    public void Parse_ValidUrl_Fields(string url, string host, int port, bool tls, string? user, string? password, int db) =>
        Assert.Equal(new RedisEndpoint(host, port, tls, user, password, db), RedisEndpoint.Parse(url));

    [Theory]
    [InlineData("http://h:1")]
    [InlineData("redis://h:1/notadb")]
    [InlineData("localhost:6379")]
    public void Parse_InvalidUrl_Throws(string url) => Assert.Throws<ArgumentException>(() => RedisEndpoint.Parse(url));

    [Fact]
    public void ToString_WithPassword_Redacted() =>
        Assert.DoesNotContain("pw", RedisEndpoint.Parse("redis://alice:pw@h:1").ToString(), StringComparison.Ordinal);

    [Theory]
    [InlineData("redis://alice:s3cret@h:1/0", "redis://***@h:1/0")]
    [InlineData("rediss://:s3cret@h:6380?cacert=/etc/ca.pem", "rediss://***@h:6380?cacert=/etc/ca.pem")]
    [InlineData("redis://h:1", "redis://h:1")]
    [InlineData("memory", "memory")]
    public void Redact_Url_HidesCredentialsOnly(string url, string expected) => Assert.Equal(expected, RedisEndpoint.Redact(url));
}
