using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ModelMesh.ClusterTests.Fixtures;

/// <summary>
/// One <c>modelmesh silo|frontdoor ...</c> child process (<c>dotnet modelmesh.dll</c> from the test output dir). Start
/// waits until it serves (the silo prints "Silo ... serving at", the front door "Front door serving"); the output
/// of both streams is kept for failure messages. <see cref="Kill9"/> is SIGKILL, <see cref="TerminateAsync"/> SIGTERM.
/// </summary>
internal sealed class MeshProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _stderr = new();

    private MeshProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>stdout and stderr, interleaved as they arrived.</summary>
    public string Output => Read(_output);

    public string StandardError => Read(_stderr);

    public static string ModelMeshDll => Path.Combine(AppContext.BaseDirectory, "modelmesh.dll");

    /// <summary>Starts <c>modelmesh ARGS</c> without waiting for anything.</summary>
    public static MeshProcess Launch(string name, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(ModelMeshDll);
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        // Keep the child's GC modest and deterministic across machines (2 cores here).
        info.Environment["DOTNET_gcServer"] = "0";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var mesh = new MeshProcess(name, process);
        process.OutputDataReceived += (_, e) => mesh.Append(e.Data, stderr: false);
        process.ErrorDataReceived += (_, e) => mesh.Append(e.Data, stderr: true);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return mesh;
    }

    /// <summary>Starts a process and waits until its output says it serves.</summary>
    public static async Task<MeshProcess> StartAsync(string name, string servingMarker, params string[] arguments)
    {
        var process = Launch(name, arguments);
        try
        {
            await process.WaitForOutputAsync(servingMarker, TimeSpan.FromSeconds(60));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return process;
    }

    public static Task<MeshProcess> StartSiloAsync(string registryUrl, string id, int port, string capacity, params string[] extra) =>
        StartAsync(id, "serving at", ["silo", "--registry", registryUrl, "--id", id, "--port", Invariant(port), "--metrics-port", Invariant(FreePort.Next()), "--capacity", capacity, .. extra]);

    public static Task<MeshProcess> StartFrontDoorAsync(string registryUrl, int grpcPort, int httpPort) =>
        StartAsync("frontdoor", "Front door serving", "frontdoor", "--registry", registryUrl, "--grpc-port", Invariant(grpcPort), "--http-port", Invariant(httpPort), "--metrics-port", Invariant(FreePort.Next()));

    public async Task WaitForOutputAsync(string marker, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(marker, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before '{marker}':\n{Output}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} did not print '{marker}' within {timeout}:\n{Output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL: no drain, no goodbye to the registry.</summary>
    public void Kill9()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    /// <summary>Sends SIGTERM (a graceful stop) without waiting.</summary>
    public void SendTerm()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", Invariant(_process.Id)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    /// <summary>SIGTERM, then waits for the exit (SIGKILL and a failure when it does not come within the timeout).</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        SendTerm();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill9();
            Assert.Fail($"{Name} did not exit within {timeout} of SIGTERM:\n{Output}");
        }

        _process.WaitForExit(); // drains the output readers
        return _process.ExitCode;
    }

    /// <summary>Waits for the process to exit on its own; false when it is still running after the timeout.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            _process.WaitForExit();
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>VmRSS of the process from /proc/PID/status, in bytes; null once it has exited.</summary>
    public long? ResidentBytes()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // never started
        }

        _process.Dispose();
    }

    public override string ToString() => $"{Name} (pid {_process.Id})";

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Read(StringBuilder builder)
    {
        lock (builder)
        {
            return builder.ToString();
        }
    }

    private void Append(string? line, bool stderr)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (stderr)
        {
            lock (_stderr)
            {
                _stderr.AppendLine(line);
            }
        }
    }
}
