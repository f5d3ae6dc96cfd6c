using ModelMesh.Contracts.Inference;
using ModelMesh.FrontDoor.Statistics;
using ModelMesh.Serving.Statistics;

namespace ModelMesh.FrontDoor.Tests;

public sealed class ModelStatisticsSumTests
{
    [Fact]
    public void Add_TwoSilosIntoAnEmptyTotal_SumsCountsAndDurationsAndKeepsTheLatestInference()
    {
        var total = ModelStatisticsCounters.Empty("alias", "1");
        var siloA = new ModelStatisticsCounters();
        siloA.RecordSuccess(3, new StageDurations(1, 2, 3, 4, 10), DateTimeOffset.FromUnixTimeMilliseconds(5_000));
        siloA.RecordFailure(9, DateTimeOffset.FromUnixTimeMilliseconds(6_000));
        var siloB = new ModelStatisticsCounters();
        siloB.RecordSuccess(1, new StageDurations(10, 20, 30, 40, 100), DateTimeOffset.FromUnixTimeMilliseconds(4_000));
        siloB.RecordSuccess(2, new StageDurations(10, 20, 30, 40, 100), DateTimeOffset.FromUnixTimeMilliseconds(4_500));

        ModelStatisticsSum.Add(total, siloA.Snapshot("model-id", "1"));
        ModelStatisticsSum.Add(total, siloB.Snapshot("model-id", "1"));

        Assert.Equal(("alias", "1"), (total.Name, total.Version));
        Assert.Equal((6UL, 3UL, 6_000UL), (total.InferenceCount, total.ExecutionCount, total.LastInference));
        var s = total.InferenceStats;
        Assert.Equal((3UL, 210UL), (s.Success.Count, s.Success.Ns));
        Assert.Equal((1UL, 9UL), (s.Fail.Count, s.Fail.Ns));
        Assert.Equal((3UL, 21UL), (s.Queue.Count, s.Queue.Ns));
        Assert.Equal((3UL, 42UL), (s.ComputeInput.Count, s.ComputeInput.Ns));
        Assert.Equal((3UL, 63UL), (s.ComputeInfer.Count, s.ComputeInfer.Ns));
        Assert.Equal((3UL, 84UL), (s.ComputeOutput.Count, s.ComputeOutput.Ns));
        Assert.Equal(0UL, s.CacheHit.Count);
    }

    [Fact]
    public void Add_PartWithoutInferenceStats_AddsCountsOnly()
    {
        var total = new ModelStatistics { Name = "m", Version = "1" };

        ModelStatisticsSum.Add(total, new ModelStatistics { Name = "m", ExecutionCount = 2, InferenceCount = 2, LastInference = 7 });

        Assert.Equal((2UL, 2UL, 7UL), (total.ExecutionCount, total.InferenceCount, total.LastInference));
        Assert.Null(total.InferenceStats);
    }
}
