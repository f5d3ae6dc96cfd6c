using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ModelMesh.Testing.Redis;

/// <summary>
/// A real redis-server on a free loopback port in a temp dir, without RDB snapshots; AOF when asked, so a
/// restart (same port, same dir) keeps the data. Killed with SIGKILL to simulate a crash. Shared by the
/// registry tests and the multi-process cluster tests. <see cref="StartTls"/> serves TLS only (rediss://) with
/// certificate files the caller made.
/// </summary>
public sealed class RedisServer : IDisposable
{
    public const string ServerPath = "/usr/bin/redis-server";

    private readonly string _dir = Directory.CreateTempSubdirectory("mm-redis-").FullName;
    private readonly string[] _tlsArgs;
    private readonly string[] _extraArgs;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private RedisServer(bool appendOnly, string[] tlsArgs, string[] extraArgs)
    {
        AppendOnly = appendOnly;
        _tlsArgs = tlsArgs;
        _extraArgs = extraArgs;
        Port = FreePort();
    }

    public int Port { get; }

    public bool AppendOnly { get; }

    /// <summary>Whether the port speaks TLS only (<see cref="StartTls"/>).</summary>
    public bool Tls => _tlsArgs.Length > 0;

    /// <summary>redis://127.0.0.1:PORT, or rediss:// for a TLS server (its clients still need to trust its CA).</summary>
    public string Url => $"{(Tls ? "rediss" : "redis")}://127.0.0.1:{Port}";

    public static RedisServer Start(bool appendOnly = false, params string[] extraArgs) => Launch(appendOnly, [], extraArgs);

    /// <summary>
    /// A server whose port speaks TLS only (--port 0 --tls-port PORT) with the given PEM files; the certificate
    /// must name 127.0.0.1. With <paramref name="authClients"/> it asks clients for a certificate from the CA (mutual TLS).
    /// </summary>
    public static RedisServer StartTls(string certFile, string keyFile, string caFile, bool authClients = false, params string[] extraArgs) =>
        Launch(false, ["--tls-cert-file", certFile, "--tls-key-file", keyFile, "--tls-ca-cert-file", caFile, "--tls-auth-clients", authClients ? "yes" : "no"], extraArgs);

    /// <summary>Starts the server again on the same port and dir (after <see cref="Kill"/>).</summary>
    public void Restart()
    {
        var start = new ProcessStartInfo(ServerPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var port = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] listen = Tls ? ["--port", "0", "--tls-port", port, .. _tlsArgs] : ["--port", port];
        foreach (var arg in listen.Concat(["--bind", "127.0.0.1", "--dir", _dir, "--save", "", "--appendonly", AppendOnly ? "yes" : "no", "--appendfsync", "always"]).Concat(_extraArgs))
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, line) => KeepOutput(line.Data);
        _process.ErrorDataReceived += (_, line) => KeepOutput(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Accepts())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server did not start on port {Port}: {string.Join(" | ", _output)}");
            }

            Thread.Sleep(10);
        }
    }

    private static RedisServer Launch(bool appendOnly, string[] tlsArgs, string[] extraArgs)
    {
        if (!File.Exists(ServerPath))
        {
            throw new InvalidOperationException($"{ServerPath} is missing: run scripts/install-deps.sh (it installs the Debian redis-server package)");
        }

        var server = new RedisServer(appendOnly, tlsArgs, extraArgs);
        server.Restart();
        return server;
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

    /// <summary>Keeps the last lines redis-server printed, for the message when it does not start.</summary>
    private void KeepOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 10 && _output.TryDequeue(out _))
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

    private static int FreePort() => ModelMesh.Testing.Ports.ListenPort.Next();
}
