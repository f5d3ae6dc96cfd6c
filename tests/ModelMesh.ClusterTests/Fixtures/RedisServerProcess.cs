using System.Diagnostics;

namespace ModelMesh.ClusterTests.Fixtures;

/// <summary>
/// A real redis-server (Debian's) on a free loopback port in its own temp dir, with AOF (fsync always) and no RDB
/// snapshots, so <see cref="Restart"/> on the same port and dir brings the data back. <see cref="Kill"/> is SIGKILL.
/// </summary>
internal sealed class RedisServerProcess : IDisposable
{
    public const string ServerPath = "/usr/bin/redis-server";

    private readonly string _dir = Directory.CreateTempSubdirectory("mm-cluster-redis-").FullName;
    private Process? _process;

    private RedisServerProcess() => Port = FreePort.Next();

    public int Port { get; }

    public string Url => $"redis://127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    public static RedisServerProcess Start()
    {
        if (!File.Exists(ServerPath))
        {
            Assert.Fail($"{ServerPath} is missing: run scripts/install-deps.sh (it installs the Debian redis-server package)");
        }

        var server = new RedisServerProcess();
        server.Restart();
        return server;
    }

    /// <summary>Starts the server (again) on the same port and dir.</summary>
    public void Restart()
    {
        var start = new ProcessStartInfo(ServerPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _dir,
            "--save", "", "--appendonly", "yes", "--appendfsync", "always",
        })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!FreePort.Accepts(Port))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                Assert.Fail($"redis-server did not start on port {Port}");
            }

            Thread.Sleep(20);
        }
    }

    /// <summary>SIGKILL: a crash, not a shutdown (AOF with fsync always keeps every acknowledged write).</summary>
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
}
