using System.Diagnostics;
using System.Text;

namespace ModelMesh.IntegrationTests.Fixtures;

/// <summary>
/// Debian's python3-grpcio serving <c>inference.GRPCInferenceService</c> (Python/v2_grpc_server.py) on a free loopback
/// port, with a state folder where it writes what it observed (call started with its deadline, call cancelled).
/// The server exits when its stdin closes, so it cannot outlive the test process.
/// </summary>
public sealed class PythonGrpcServer : IAsyncLifetime, IDisposable
{
    private const string Python = "/usr/bin/python3";

    private readonly StringBuilder _output = new();
    private Process? _process;

    public int Port { get; private set; }

    public string StateDirectory { get; } = Path.Combine(Path.GetTempPath(), "modelmesh-pyserver-" + Guid.NewGuid().ToString("N"));

    public string Address => $"127.0.0.1:{Port}";

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Python), "Debian's /usr/bin/python3 is missing: run scripts/test.sh, which installs the test dependencies");
        Directory.CreateDirectory(StateDirectory);
        Port = FreePort.Next();
        var scripts = Path.Combine(AppContext.BaseDirectory, "Python");
        var info = new ProcessStartInfo(Python)
        {
            WorkingDirectory = scripts,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "v2_grpc_server.py", "--port", Port.ToString(), "--proto", "grpc_predict_v2.proto", "--state-dir", StateDirectory })
        {
            info.ArgumentList.Add(a);
        }

        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await ModelMesh.Testing.Eventually.Until(
            () => _process.HasExited || Output.Contains($"SERVING {Port}", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60),
            "the python grpcio server prints SERVING");
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"python grpcio server exited with {_process.ExitCode}:\n{Output}");
        }
    }

    public bool Observed(string marker) => File.Exists(Path.Combine(StateDirectory, marker));

    public string Read(string marker) => File.ReadAllText(Path.Combine(StateDirectory, marker));

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            _process.StandardInput.Close();
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

        }

        Dispose();
        if (Directory.Exists(StateDirectory))
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
    }

    /// <summary>Kills the server if it still runs (the graceful stop is <see cref="DisposeAsync"/>).</summary>
    public void Dispose()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        _process = null;
    }
}
