namespace ModelMesh.ClusterTests.Fixtures;

/// <summary>What a finished <c>modelmesh</c> command did.</summary>
internal sealed record CliResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:0.0} s\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}
