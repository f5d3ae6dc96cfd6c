using System.Diagnostics;
using System.Globalization;

namespace ModelMesh.Grpc.Tests;

/// <summary>A grpcio server (Interop/grpc_server.py) on a free port, killed when the test class ends.</summary>
public sealed class PythonServerFixture : IAsyncLifetime
{
    /// <summary>The python server's receive limit: room for a 20 MiB message, small enough to test going over.</summary>
    public const int MaxReceiveMessageSize = 21 * 1024 * 1024;

    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private Process? _process;

    internal LineLog Events { get; } = new();

    public Uri Address { get; private set; } = new("http://127.0.0.1:1");

    public async Task InitializeAsync()
    {
        _process = PythonGrpc.Start("grpc_server.py", "--max-receive", MaxReceiveMessageSize.ToString(CultureInfo.InvariantCulture));
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Events.Add(e.Data);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Events.Add("STDERR " + e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var portLine = await Events.WaitForAsync(line => line.StartsWith("PORT ", StringComparison.Ordinal), StartLimit);
        Address = new Uri("http://127.0.0.1:" + portLine["PORT ".Length..]);
    }

    public async Task DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
