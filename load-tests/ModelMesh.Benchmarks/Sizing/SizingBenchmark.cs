using System.Diagnostics;
using System.Globalization;
using ModelMesh.Benchmarks.Common;
using ModelMesh.Benchmarks.Latency;
using ModelMesh.Onnx;
using ModelMesh.Silo;

namespace ModelMesh.Benchmarks.Sizing;

/// <summary>
/// Sizing accuracy: writes N-1 generated MLPs with weights log-spaced between the bounds, plus the conv sample, and
/// for each starts a fresh <c>sizing-probe</c> process (one model per process, so nothing else shares its RSS) that
/// reports the silo's prediction, the silo's measurement and the real resident growth.
/// </summary>
public static class SizingBenchmark
{
    public static async Task<SizingReport> RunAsync(int count, long minBytes, long maxBytes, TextWriter progress, CancellationToken cancellationToken)
    {
        using var folder = new TempFolder("modelmesh-sizing");
        var machine = MachineInfo.Capture(ProcessOrtRuntime.Get().Version);
        var startedAt = DateTimeOffset.UtcNow;
        var warmup = Path.Combine(folder.Path, "warmup.onnx");
        File.WriteAllBytes(warmup, SampleModels.Build(SampleModels.Mlp));
        var models = new List<(string Name, string Path, string Shape)>();
        for (var i = 0; i < count - 1; i++)
        {
            var target = minBytes * Math.Pow((double)maxBytes / minBytes, count <= 2 ? 0 : i / (double)(count - 2));
            var name = string.Create(CultureInfo.InvariantCulture, $"mlp-{target / 1024:F0}k");
            var path = Path.Combine(folder.Path, name + ".onnx");
            GeneratedMlp.Write(path, GeneratedMlp.HiddenFor((long)target), seed: i + 1);
            models.Add((name, path, $"1,{GeneratedMlp.Inputs}"));
        }

        var conv = Path.Combine(folder.Path, "conv.onnx");
        File.WriteAllBytes(conv, SampleModels.Build(SampleModels.Conv));
        models.Add(("conv", conv, "1,3,64,64"));

        var results = new List<ProbeResult>();
        var failures = new List<string>();
        foreach (var (name, path, shape) in models)
        {
            var (result, error) = await ProbeAsync(name, path, warmup, shape, cancellationToken);
            if (result is null)
            {
                failures.Add($"{name}: {error}");
                progress.WriteLine($"  {name}: probe failed: {error}");
                continue;
            }

            progress.WriteLine($"  {name,-10} file {result.FileBytes,12:N0}  predicted {result.PredictedBytes,12:N0}  measured {result.MeasuredBytes,12:N0}  real {result.RealBytes,12:N0}");
            results.Add(result);
        }

        return new SizingReport(machine, startedAt, results, failures);
    }

    private static async Task<(ProbeResult? Result, string Error)> ProbeAsync(string name, string path, string warmup, string shape, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var self = Environment.ProcessPath ?? "dotnet";
        start.FileName = self;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(SizingBenchmark).Assembly.Location);
        }

        foreach (var arg in new[] { "sizing-probe", "--name", name, "--file", path, "--warmup-file", warmup, "--shape", shape })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the probe process");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var lines = (await stdout).Split('\n');
        var result = lines.Select(l => SizingProbe.Parse(l.Trim())).FirstOrDefault(r => r is not null);
        return (result, result is null ? $"exit {process.ExitCode}: {(await stderr).Trim()}" : "");
    }

    public static void WriteTable(SizingReport report, TextWriter writer)
    {
        var table = new TextTable("model", "file KiB", "predicted KiB", "measured KiB", "real KiB", "real anon KiB", "RSS@load KiB", "predicted err", "measured err", "load ms");
        foreach (var r in report.Results)
        {
            table.Add(r.Model, K(r.FileBytes), K(r.PredictedBytes), K(r.MeasuredBytes), K(r.RealBytes), K(r.RealAnonBytes), K(r.RssAfterLoad - r.RssBefore),
                Pct(r.PredictedError), Pct(r.MeasuredError), TextTable.N(r.LoadMs));
        }

        table.Write(writer);
        writer.WriteLine();
        writer.WriteLine("predicted = max(file x 1.25, 1,000,000 B) (ModelLoader.PredictSize); measured = max(RSS growth across CreateSession, file) (ModelLoader.LoadAsync);");
        writer.WriteLine("real = VmRSS growth from before the load to after the first Run (full GC before each read), one fresh process per model. err = (estimate - real) / real.");
        writer.WriteLine($"|error| all models:      predicted median {Abs(report.PredictedAbsError.Median)} worst {Abs(report.PredictedAbsError.Max)}; measured median {Abs(report.MeasuredAbsError.Median)} worst {Abs(report.MeasuredAbsError.Max)}");
        writer.WriteLine($"|error| models >= 1 MiB: predicted median {Abs(report.PredictedAbsErrorLarge.Median)} worst {Abs(report.PredictedAbsErrorLarge.Max)}; measured median {Abs(report.MeasuredAbsErrorLarge.Median)} worst {Abs(report.MeasuredAbsErrorLarge.Max)}");
        writer.WriteLine($"Under-estimates (real > estimate): predicted {report.PredictedUnder}, measured {report.MeasuredUnder} of {report.Results.Count}.");
        foreach (var failure in report.Failures)
        {
            writer.WriteLine("FAILED " + failure);
        }
    }

    private static string K(long bytes) => TextTable.N(bytes / 1024.0, "F0");

    private static string Abs(double value) => double.IsFinite(value) ? (value * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "n/a";

    private static string Pct(double value) => double.IsFinite(value) ? (value * 100).ToString("+0;-0", CultureInfo.InvariantCulture) + "%" : "n/a";
}
