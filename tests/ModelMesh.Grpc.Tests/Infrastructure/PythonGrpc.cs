using System.Diagnostics;
using System.Text.Json;

namespace ModelMesh.Grpc.Tests;

/// <summary>
/// Runs the grpcio peers in Interop/ with Debian's /usr/bin/python3 (the interpreter that has python3-grpcio;
/// the python3 first on PATH may not). Missing grpcio fails the tests: it is a setup error, not a skip.
/// </summary>
internal static class PythonGrpc
{
    public const string Interpreter = "/usr/bin/python3";
    private static readonly TimeSpan ProcessLimit = TimeSpan.FromSeconds(90);
    private static readonly Lazy<string?> SetupProblem = new(FindSetupProblem);

    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Interop", name);

    /// <summary>Fails the calling test when /usr/bin/python3 cannot import grpc.</summary>
    public static void EnsureAvailable()
    {
        if (SetupProblem.Value is { } problem)
        {
            Assert.Fail(problem);
        }
    }

    public static Process Start(string script, params string[] arguments)
    {
        EnsureAvailable();
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-u");
        start.ArgumentList.Add(Script(script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PYTHONIOENCODING"] = "utf-8";
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start " + Interpreter);
    }

    /// <summary>Runs grpc_client.py to completion and returns the JSON object it printed last.</summary>
    public static async Task<JsonElement> RunClientAsync(string target, params string[] arguments)
    {
        using var process = Start("grpc_client.py", [target, .. arguments]);
        return await CompleteAsync(process);
    }

    /// <summary>Waits for a client process to exit and parses its last stdout line.</summary>
    public static async Task<JsonElement> CompleteAsync(Process process, Task<string>? pendingOutput = null)
    {
        var output = pendingOutput ?? process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(ProcessLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"python grpc client did not finish within {ProcessLimit}: {await errors}");
        }

        var stdout = await output;
        if (process.ExitCode != 0)
        {
            Assert.Fail($"python grpc client exited with {process.ExitCode}: {await errors}\n{stdout}");
        }

        var lastLine = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        return JsonDocument.Parse(lastLine).RootElement.Clone();
    }

    private static string? FindSetupProblem()
    {
        const string fix = "Run the test command in README.md, which installs python3-grpcio (apt-get install -y python3-grpcio), then run the tests again.";
        if (!File.Exists(Interpreter))
        {
            return $"{Interpreter} does not exist, so the gRPC interop tests cannot run. {fix}";
        }

        var start = new ProcessStartInfo(Interpreter, ["-c", "import grpc"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? null
            : $"{Interpreter} cannot import grpc ({errors.Trim()}), so the gRPC interop tests cannot run. {fix}";
    }
}
