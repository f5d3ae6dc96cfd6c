using System.Globalization;

namespace ModelMesh.Benchmarks.Latency;

/// <summary>The console table: per cell one row per path, the ratios on the gRPC row.</summary>
public static class ResultTable
{
    public static void Write(LatencyReport report, TextWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine(Row("model", "conc", "path", "requests", "p50 us", "p90 us", "p99 us", "max us", "req/s", "p50 x", "req/s x"));
        writer.WriteLine(new string('-', 110));
        foreach (var cell in report.Cells)
        {
            writer.WriteLine(SummaryRow(cell.Model, cell.Concurrency, "in-proc", cell.InProcess, "", ""));
            writer.WriteLine(SummaryRow(cell.Model, cell.Concurrency, "grpc", cell.Grpc, Format(cell.P50Ratio, "F2"), Format(cell.ThroughputRatio, "F3")));
        }

        writer.WriteLine();
        writer.WriteLine("p50 x = gRPC p50 / in-process p50; req/s x = gRPC throughput / in-process throughput.");
        writer.WriteLine($"Load average (1/5/15 min) at start {report.LoadAverageAtStart}, at end {report.LoadAverageAtEnd}.");
        foreach (var warning in report.Warnings)
        {
            writer.WriteLine("WARNING " + warning);
        }
    }

    private static string SummaryRow(string model, int concurrency, string path, LatencySummary s, string p50Ratio, string throughputRatio) =>
        Row(model, concurrency.ToString(CultureInfo.InvariantCulture), path, s.Count.ToString(CultureInfo.InvariantCulture),
            Format(s.P50Us, "F1"), Format(s.P90Us, "F1"), Format(s.P99Us, "F1"), Format(s.MaxUs, "F1"),
            Format(s.RequestsPerSecond, "F0"), p50Ratio, throughputRatio);

    private static string Row(params string[] c) =>
        $"{c[0],-8}{c[1],5}  {c[2],-8}{c[3],10}{c[4],11}{c[5],11}{c[6],11}{c[7],11}{c[8],10}{c[9],8}{c[10],9}";

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
