using System.Diagnostics;
using ModelMesh.LoadGen.Scenarios;

namespace ModelMesh.LoadGen.Cluster;

/// <summary>A real cluster: every action runs its command with /bin/sh -c (e.g. <c>kill -9 PID</c>, <c>kill -TERM PID</c>).</summary>
public sealed class ShellClusterControl : IClusterControl
{
    public async Task<string> ActAsync(ActionSpec action, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(action.Command))
        {
            return $"skipped: {action.Kind} against a real cluster needs a command (scenario 'command:' or --kill-command/--stop-command)";
        }

        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(action.Command);
        start.Environment["MODELMESH_SILO"] = action.Silo;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start /bin/sh.");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken) + await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return $"ran `{action.Command}`: exit {process.ExitCode}{(output.Length > 0 ? ", " + output.Trim() : string.Empty)}";
    }
}
