namespace ModelMesh.Client.Tests;

/// <summary>One <see cref="FakeModelMeshServer"/> per test class; tests use distinct model ids.</summary>
public sealed class FakeServerFixture : IAsyncLifetime
{
    private FakeModelMeshServer? _server;

    internal FakeModelMeshServer Server => _server ?? throw new InvalidOperationException("Server not started.");

    public async Task InitializeAsync() => _server = await FakeModelMeshServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
