using System.Text.Json;

namespace ModelMesh.Benchmarks.Latency;

/// <summary>Writes a <see cref="LatencyReport"/> as JSON (latencies in microseconds, throughput in requests per second).</summary>
public static class JsonReport
{
    public static void Write(LatencyReport report, string path)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("startedAt", report.StartedAt);
        json.WriteStartObject("machine");
        json.WriteNumber("processorCount", report.Machine.ProcessorCount);
        json.WriteString("cpuModel", report.Machine.CpuModel);
        json.WriteString("os", report.Machine.OperatingSystem);
        json.WriteString("dotnet", report.Machine.DotNetVersion);
        json.WriteBoolean("serverGc", report.Machine.ServerGc);
        json.WriteString("onnxRuntime", report.Machine.OrtVersion);
        json.WriteString("loadAverageAtStart", report.LoadAverageAtStart);
        json.WriteString("loadAverageAtEnd", report.LoadAverageAtEnd);
        json.WriteEndObject();
        json.WriteStartObject("options");
        json.WriteNumber("durationSeconds", report.Options.Duration.TotalSeconds);
        json.WriteNumber("warmupSeconds", report.Options.Warmup.TotalSeconds);
        json.WriteString("grpcMode", report.Options.GrpcMode.ToString().ToLowerInvariant());
        json.WriteStartArray("concurrency");
        foreach (var level in report.Options.ConcurrencyLevels)
        {
            json.WriteNumberValue(level);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartArray("results");
        foreach (var cell in report.Cells)
        {
            json.WriteStartObject();
            json.WriteString("model", cell.Model);
            json.WriteNumber("concurrency", cell.Concurrency);
            json.WriteNumber("inputBytes", cell.PayloadBytes);
            WriteSummary(json, "grpc", cell.Grpc);
            WriteSummary(json, "inProcess", cell.InProcess);
            json.WriteStartObject("ratios");
            WriteNumber(json, "p50", cell.P50Ratio);
            WriteNumber(json, "p99", cell.P99Ratio);
            WriteNumber(json, "throughput", cell.ThroughputRatio);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("warnings");
        foreach (var warning in report.Warnings)
        {
            json.WriteStringValue(warning);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSummary(Utf8JsonWriter json, string name, LatencySummary s)
    {
        json.WriteStartObject(name);
        json.WriteNumber("requests", s.Count);
        WriteNumber(json, "requestsPerSecond", s.RequestsPerSecond);
        WriteNumber(json, "p50Us", s.P50Us);
        WriteNumber(json, "p90Us", s.P90Us);
        WriteNumber(json, "p99Us", s.P99Us);
        WriteNumber(json, "maxUs", s.MaxUs);
        WriteNumber(json, "meanUs", s.MeanUs);
        json.WriteEndObject();
    }

    /// <summary>JSON has no NaN: an empty measurement writes null.</summary>
    private static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, Math.Round(value, 3));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
