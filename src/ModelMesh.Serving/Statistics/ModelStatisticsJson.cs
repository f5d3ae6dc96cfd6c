using System.Text.Json;
using ModelMesh.Contracts.Inference;

namespace ModelMesh.Serving.Statistics;

/// <summary>The statistics extension's REST body, as Triton writes it: <c>{"model_stats": [...]}</c>.</summary>
public static class ModelStatisticsJson
{
    public static void Write(Utf8JsonWriter writer, ModelStatisticsResponse response)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("model_stats");
        foreach (var model in response.ModelStats)
        {
            WriteModel(writer, model);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteModel(Utf8JsonWriter writer, ModelStatistics model)
    {
        writer.WriteStartObject();
        writer.WriteString("name", model.Name);
        writer.WriteString("version", model.Version);
        writer.WriteNumber("last_inference", model.LastInference);
        writer.WriteNumber("inference_count", model.InferenceCount);
        writer.WriteNumber("execution_count", model.ExecutionCount);
        var stats = model.InferenceStats ?? new InferStatistics();
        writer.WriteStartObject("inference_stats");
        WriteDuration(writer, "success", stats.Success);
        WriteDuration(writer, "fail", stats.Fail);
        WriteDuration(writer, "queue", stats.Queue);
        WriteDuration(writer, "compute_input", stats.ComputeInput);
        WriteDuration(writer, "compute_infer", stats.ComputeInfer);
        WriteDuration(writer, "compute_output", stats.ComputeOutput);
        WriteDuration(writer, "cache_hit", stats.CacheHit);
        WriteDuration(writer, "cache_miss", stats.CacheMiss);
        writer.WriteEndObject();
        writer.WriteStartObject("response_stats");
        writer.WriteEndObject();
        writer.WriteStartArray("batch_stats");
        writer.WriteEndArray();
        writer.WriteStartArray("memory_usage");
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteDuration(Utf8JsonWriter writer, string name, StatisticDuration? duration)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("count", duration?.Count ?? 0);
        writer.WriteNumber("ns", duration?.Ns ?? 0);
        writer.WriteEndObject();
    }
}
