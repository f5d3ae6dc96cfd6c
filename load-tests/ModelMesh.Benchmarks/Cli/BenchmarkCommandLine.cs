using System.CommandLine;

namespace ModelMesh.Benchmarks.Cli;

/// <summary>The benchmark tool's command line: <c>latency</c> (closed-loop load) and <c>bdn</c> (BenchmarkDotNet).</summary>
public static class BenchmarkCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("ModelMesh benchmarks");
        root.Subcommands.Add(LatencyCommand.Create());
        root.Subcommands.Add(BdnCommand.Create());
        return root;
    }
}
