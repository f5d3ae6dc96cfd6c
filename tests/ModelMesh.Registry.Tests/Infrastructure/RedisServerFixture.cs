namespace ModelMesh.Registry.Tests.Infrastructure;

/// <summary>One shared redis-server for a test class; tests isolate themselves by key prefix.</summary>
public sealed class RedisServerFixture : IDisposable
{
    private readonly RedisServer _server = RedisServer.Start();

    public string Url => _server.Url;

    public void Dispose() => _server.Dispose();
}
