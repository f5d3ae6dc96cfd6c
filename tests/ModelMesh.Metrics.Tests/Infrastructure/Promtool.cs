using System.Diagnostics;

namespace ModelMesh.Metrics.Tests.Infrastructure;

/// <summary>Runs the real <c>promtool check metrics</c> (Debian package prometheus) on an exposition.</summary>
internal static class Promtool
{
    public const string Path = "/usr/bin/promtool";

    public static (int ExitCode, string Output) CheckMetrics(string exposition)
    {
        if (!File.Exists(Path))
        {
            Assert.Fail($"{Path} is missing: run scripts/install-deps.sh (it installs the Debian prometheus package, which provides promtool)");
        }

        var start = new ProcessStartInfo(Path) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("check");
        start.ArgumentList.Add("metrics");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(exposition);
        process.StandardInput.Close();
        if (!process.WaitForExit(30_000))
        {
            process.Kill();
            Assert.Fail("promtool check metrics did not finish in 30 s");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Fails the test unless promtool exits 0 and reports nothing.</summary>
    public static void AssertClean(string exposition)
    {
        var (exitCode, output) = CheckMetrics(exposition);
        Assert.True(exitCode == 0 && output.Trim().Length == 0, $"promtool check metrics exited {exitCode}:\n{output}\n--- exposition ---\n{exposition}");
    }
}
