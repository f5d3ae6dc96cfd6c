namespace ModelMesh.Grpc.Tests;

/// <summary>Our server set up for the grpcio client: a 21 MiB receive limit and gzip responses.</summary>
public sealed class InteropServerFixture : IAsyncLifetime
{
    public const int MaxReceiveMessageSize = 21 * 1024 * 1024;

    private GrpcTestServer? _server;

    internal GrpcTestServer Server => _server ?? throw new InvalidOperationException("Server not started.");

    /// <summary>host:port, as grpcio wants its target.</summary>
    public string Target => $"{Server.Address.Host}:{Server.Address.Port}";

    public async Task InitializeAsync()
    {
        PythonGrpc.EnsureAvailable();
        _server = await GrpcTestServer.StartAsync(o =>
        {
            o.MaxReceiveMessageSize = MaxReceiveMessageSize;
            o.ResponseCompression = "gzip";
        });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
