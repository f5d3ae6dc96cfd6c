using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ModelMesh.Benchmarks.Codec;

/// <summary>
/// ShortRun, in-process: BenchmarkDotNet's default toolchain generates and builds a project under this folder, which
/// would inherit the repository's central package management and warnings-as-errors; running in-process avoids that.
/// Artifacts go beside the binaries (bin/), not into the working tree.
/// </summary>
public static class CodecBenchmarkConfig
{
    public static IConfig Create() => DefaultConfig.Instance
        .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
        .AddDiagnoser(MemoryDiagnoser.Default)
        .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
}
