using System.Diagnostics;
using System.Net.Sockets;
using ModelMesh.Testing;
using ModelMesh.Testing.Ports;

namespace ModelMesh.Storage.Tests.Infrastructure;

/// <summary>
/// A real storage server written in Node (s3rver, Azurite) from tests/ModelMesh.Storage.Tests/servers/node_modules
/// (scripts/install-deps.sh installs it), started on a free loopback port with its own data folder, killed on dispose.
/// </summary>
internal sealed class NodeServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private NodeServer(Process process, int port, string dataDirectory)
    {
        _process = process;
        Port = port;
        DataDirectory = dataDirectory;
    }

    public int Port { get; }

    public string DataDirectory { get; }

    public static async Task<NodeServer> StartAsync(string script, Func<int, string, IEnumerable<string>> arguments)
    {
        var path = Path.Combine(ServersDirectory(), "node_modules", script);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: run scripts/install-deps.sh (npm install in tests/ModelMesh.Storage.Tests/servers)");
        }

        var port = ListenPort.Next();
        var data = Directory.CreateTempSubdirectory("mm-storage-server-").FullName;
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(path);
        foreach (var argument in arguments(port, data))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var server = new NodeServer(process, port, data);
        process.OutputDataReceived += (_, e) => server.Capture(e.Data);
        process.ErrorDataReceived += (_, e) => server.Capture(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Eventually.Until(() => process.HasExited || Listening(port), TimeSpan.FromSeconds(60), $"{script} listens on {port}");
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{script} exited with {process.ExitCode}: {server.Output}");
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output.TakeLast(50));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(DataDirectory, recursive: true);
    }

    private void Capture(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string ServersDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "ModelMesh.Storage.Tests", "servers");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tests/ModelMesh.Storage.Tests/servers not found above {AppContext.BaseDirectory}");
    }
}
