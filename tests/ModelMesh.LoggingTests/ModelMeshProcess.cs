using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ModelMesh.LoggingTests;

/// <summary>
/// A <c>modelmesh ARGS</c> child process (<c>dotnet modelmesh.dll</c> from the test output folder) whose stdout is read
/// line by line; stderr is drained. Disposing kills it.
/// </summary>
internal sealed class ModelMeshProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = new();
    private readonly StringBuilder _seen = new();

    private ModelMeshProcess(Process process) => _process = process;

    /// <summary>Every stdout line read so far by <see cref="WaitForLine"/>, for failure messages.</summary>
    public string Seen => _seen.ToString();

    public static ModelMeshProcess Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "modelmesh.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new ModelMeshProcess(Process.Start(start)!);
        process._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                process._lines.Add(e.Data);
            }
        };
        process._process.ErrorDataReceived += (_, _) => { };
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The next stdout line that matches, reading (and keeping) the lines before it; null after 60 s without one.</summary>
    public string? WaitForLine(Func<string, bool> match)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            if (_lines.TryTake(out var line, TimeSpan.FromMilliseconds(200)))
            {
                _seen.Append(line).Append('\n');
                if (match(line))
                {
                    return line;
                }
            }
        }

        return null;
    }

    public static int FreePort() => ModelMesh.Testing.Ports.ListenPort.Next();

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _lines.Dispose();
    }
}
