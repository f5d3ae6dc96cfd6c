using System.CommandLine;
using BenchmarkDotNet.Running;
using ModelMesh.Benchmarks.Codec;

namespace ModelMesh.Benchmarks.Cli;

/// <summary>
/// <c>bdn [BenchmarkDotNet args]</c>: hands every remaining argument to BenchmarkDotNet's switcher.
/// Without <c>--filter</c> it runs every benchmark instead of prompting.
/// </summary>
public static class BdnCommand
{
    public static Command Create()
    {
        var command = new Command("bdn", "Run the BenchmarkDotNet micro-benchmarks (e.g. bdn --filter '*'); other arguments go to BenchmarkDotNet")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(parse =>
        {
            var args = parse.UnmatchedTokens.ToList();
            if (!args.Any(a => a is "--filter" or "-f"))
            {
                args.AddRange(["--filter", "*"]);
            }

            var summaries = BenchmarkSwitcher.FromAssembly(typeof(BdnCommand).Assembly).Run([.. args], CodecBenchmarkConfig.Create());
            return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
        });
        return command;
    }
}
