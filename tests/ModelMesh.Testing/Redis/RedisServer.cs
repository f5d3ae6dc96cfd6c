using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ModelMesh.Testing.Redis;

/// <summary>
/// A real redis-server on a free loopback port in a temp dir, without RDB snapshots; AOF when asked, so a
/// restart (same port, same dir) keeps the data. Killed with SIGKILL to simulate a crash. Shared by the
/// registry tests and the multi-process cluster tests.
/// </summary>
public sealed class RedisServer : IDisposable
{
    public const string ServerPath = "/usr/bin/redis-server";

    private readonly string _dir = Directory.CreateTempSubdirectory("mm-redis-").FullName;
    private readonly string[] _extraArgs;
    private Process? _process;

    private RedisServer(bool appendOnly, string[] extraArgs)
    {
        AppendOnly = appendOnly;
        _extraArgs = extraArgs;
        Port = FreePort();
    }

    public int Port { get; }

    public bool AppendOnly { get; }

    public string Url => $"redis://127.0.0.1:{Port}";

    public static RedisServer Start(bool appendOnly = false, params string[] extraArgs)
    {
        if (!File.Exists(ServerPath))
        {
            throw new InvalidOperationException($"{ServerPath} is missing: run scripts/install-deps.sh (it installs the Debian redis-server package)");
        }

        var server = new RedisServer(appendOnly, extraArgs);
        server.Restart();
        return server;
    }

    /// <summary>Starts the server again on the same port and dir (after <see cref="Kill"/>).</summary>
    public void Restart()
    {
        var start = new ProcessStartInfo(ServerPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _dir, "--save", "", "--appendonly", AppendOnly ? "yes" : "no", "--appendfsync", "always" }.Concat(_extraArgs))
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Accepts())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server did not start on port {Port}");
            }

            Thread.Sleep(10);
        }
    }

    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Kill();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private bool Accepts()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
