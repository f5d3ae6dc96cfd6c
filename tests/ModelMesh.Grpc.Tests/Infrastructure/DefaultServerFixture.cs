namespace ModelMesh.Grpc.Tests;

/// <summary>One server with default options shared by a test class.</summary>
public sealed class DefaultServerFixture : IAsyncLifetime
{
    private GrpcTestServer? _server;

    internal GrpcTestServer Server => _server ?? throw new InvalidOperationException("Server not started.");

    public async Task InitializeAsync() => _server = await GrpcTestServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
