using System.Buffers;
using System.Text;
using System.Text.Json;
using ModelMesh.Contracts.Inference;
using ModelMesh.Serving.Statistics;

namespace ModelMesh.Serving.Tests.Statistics;

public sealed class ModelStatisticsJsonTests
{
    [Fact]
    public void Write_OneModel_TritonsJsonShape()
    {
        var counters = new ModelStatisticsCounters();
        counters.RecordSuccess(2, new StageDurations(1, 2, 3, 4, 10), DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123));
        counters.RecordFailure(7, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        var response = new ModelStatisticsResponse { ModelStats = { counters.Snapshot("simple", "1") } };

        var json = Write(response);

        var expected = """
            {"model_stats":[{"name":"simple","version":"1","last_inference":1700000000123,"inference_count":2,"execution_count":1,
            "inference_stats":{"success":{"count":1,"ns":10},"fail":{"count":1,"ns":7},"queue":{"count":1,"ns":1},
            "compute_input":{"count":1,"ns":2},"compute_infer":{"count":1,"ns":3},"compute_output":{"count":1,"ns":4},
            "cache_hit":{"count":0,"ns":0},"cache_miss":{"count":0,"ns":0}},"response_stats":{},"batch_stats":[],"memory_usage":[]}]}
            """.ReplaceLineEndings("");
        Assert.Equal(
            expected,
            json);
    }

    [Fact]
    public void Write_NoModels_EmptyList() =>
        Assert.Equal("""{"model_stats":[]}""", Write(new ModelStatisticsResponse()));

    [Fact]
    public void Write_MessageWithoutInferenceStats_ZeroDurations()
    {
        var json = Write(new ModelStatisticsResponse { ModelStats = { new ModelStatistics { Name = "m", Version = "1" } } });

        using var doc = JsonDocument.Parse(json);
        Assert.Equal(0, doc.RootElement.GetProperty("model_stats")[0].GetProperty("inference_stats").GetProperty("queue").GetProperty("count").GetInt64());
    }

    private static string Write(ModelStatisticsResponse response)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ModelStatisticsJson.Write(writer, response);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
