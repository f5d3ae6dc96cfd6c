using System.CommandLine;

namespace ModelMesh.Benchmarks.Cli;

/// <summary>The benchmark tool's command line: <c>latency</c>, the mesh benchmarks (<c>mesh-latency</c>, <c>cold-start</c>, <c>hit-ratio</c>, <c>density</c>, <c>sizing</c>, <c>load-spread</c>), <c>watch-latency</c> (registry change notification) and <c>bdn</c> (BenchmarkDotNet).</summary>
public static class BenchmarkCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("ModelMesh benchmarks");
        root.Subcommands.Add(LatencyCommand.Create());
        root.Subcommands.Add(MeshLatencyCommand.Create());
        root.Subcommands.Add(ColdStartCommand.Create());
        root.Subcommands.Add(HitRatioCommand.Create());
        root.Subcommands.Add(DensityCommand.Create());
        root.Subcommands.Add(SizingCommand.Create());
        root.Subcommands.Add(LoadSpreadCommand.Create());
        root.Subcommands.Add(SizingProbeCommand.Create());
        root.Subcommands.Add(WatchLatencyCommand.Create());
        root.Subcommands.Add(BdnCommand.Create());
        return root;
    }
}
