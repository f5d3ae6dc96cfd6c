using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace ModelMesh.IntegrationTests.Fixtures;

/// <summary>
/// Starts the real <c>modelmesh dev</c> executable as a child process (as the README's run command does),
/// on free loopback ports with its own samples folder, and stops it at the end.
/// </summary>
public sealed class DevNodeProcess : IAsyncDisposable
{
    /// <summary>Test classes that start a dev process run one at a time: each binds the default metrics port 2112.</summary>
    public const string Collection = "modelmesh dev process";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private DevNodeProcess(Process process, int grpcPort, int httpPort, string samplesDirectory)
    {
        _process = process;
        GrpcPort = grpcPort;
        HttpPort = httpPort;
        SamplesDirectory = samplesDirectory;
    }

    public int GrpcPort { get; }

    public int HttpPort { get; }

    public string SamplesDirectory { get; }

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

    public static async Task<DevNodeProcess> StartAsync()
    {
        var grpcPort = FreePort.Next();
        var httpPort = FreePort.Next();
        var samples = Path.Combine(Path.GetTempPath(), "modelmesh-it-" + Guid.NewGuid().ToString("N"));
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "modelmesh.dll"), "dev",
            "--grpc-port", grpcPort.ToString(), "--http-port", httpPort.ToString(), "--samples-dir", samples,
        })
        {
            info.ArgumentList.Add(a);
        }

        var process = new Process { StartInfo = info };
        var node = new DevNodeProcess(process, grpcPort, httpPort, samples);
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await node.WaitUntilServingAsync(TimeSpan.FromSeconds(60));
        return node;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"modelmesh dev exited with {_process.ExitCode}:\n{Output}");
            }

            if (Output.Contains("Press Ctrl+C to stop.", StringComparison.Ordinal) && await AcceptsAsync(HttpPort))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"modelmesh dev did not start serving within {timeout}:\n{Output}");
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
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
        try
        {
            Directory.Delete(SamplesDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
