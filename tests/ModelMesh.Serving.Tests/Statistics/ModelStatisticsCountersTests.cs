using ModelMesh.Serving.Statistics;

namespace ModelMesh.Serving.Tests.Statistics;

public sealed class ModelStatisticsCountersTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void RecordSuccess_TwoRequests_AddsEveryStageAndCountsBatchElements()
    {
        var counters = new ModelStatisticsCounters();

        counters.RecordSuccess(2, new StageDurations(10, 20, 300, 40, 400), T0);
        counters.RecordSuccess(1, new StageDurations(1, 2, 3, 4, 11), T0.AddSeconds(1));
        var s = counters.Snapshot("mlp", "1");

        Assert.Equal(("mlp", "1"), (s.Name, s.Version));
        Assert.Equal((3UL, 2UL), (s.InferenceCount, s.ExecutionCount));
        Assert.Equal((2UL, 411UL), (s.InferenceStats.Success.Count, s.InferenceStats.Success.Ns));
        Assert.Equal((2UL, 11UL), (s.InferenceStats.Queue.Count, s.InferenceStats.Queue.Ns));
        Assert.Equal((2UL, 22UL), (s.InferenceStats.ComputeInput.Count, s.InferenceStats.ComputeInput.Ns));
        Assert.Equal((2UL, 303UL), (s.InferenceStats.ComputeInfer.Count, s.InferenceStats.ComputeInfer.Ns));
        Assert.Equal((2UL, 44UL), (s.InferenceStats.ComputeOutput.Count, s.InferenceStats.ComputeOutput.Ns));
        Assert.Equal((0UL, 0UL), (s.InferenceStats.Fail.Count, s.InferenceStats.Fail.Ns));
        Assert.Equal((ulong)T0.AddSeconds(1).ToUnixTimeMilliseconds(), s.LastInference);
    }

    [Fact]
    public void RecordFailure_AfterASuccess_CountsOnlyTheFailureAndMovesLastInference()
    {
        var counters = new ModelStatisticsCounters();
        counters.RecordSuccess(1, new StageDurations(1, 1, 1, 1, 4), T0);

        counters.RecordFailure(70, T0.AddMilliseconds(250));
        var s = counters.Snapshot("m", "2");

        Assert.Equal((1UL, 70UL), (s.InferenceStats.Fail.Count, s.InferenceStats.Fail.Ns));
        Assert.Equal((1UL, 1UL, 1UL), (s.InferenceStats.Success.Count, s.InferenceCount, s.ExecutionCount));
        Assert.Equal(1UL, s.InferenceStats.ComputeInfer.Count);
        Assert.Equal((ulong)T0.AddMilliseconds(250).ToUnixTimeMilliseconds(), s.LastInference);
    }

    [Fact]
    public void LastInference_AnEarlierTimestampRecordedLater_KeepsTheLatest()
    {
        var counters = new ModelStatisticsCounters();

        counters.RecordFailure(1, T0.AddSeconds(5));
        counters.RecordSuccess(1, new StageDurations(1, 1, 1, 1, 4), T0);

        Assert.Equal((ulong)T0.AddSeconds(5).ToUnixTimeMilliseconds(), counters.Snapshot("m", "1").LastInference);
    }

    [Fact]
    public void Empty_NeverRun_ZerosWithEveryDurationPresent()
    {
        var s = ModelStatisticsCounters.Empty("idle", "3");

        Assert.Equal((0UL, 0UL, 0UL), (s.LastInference, s.InferenceCount, s.ExecutionCount));
        Assert.NotNull(s.InferenceStats.Success);
        Assert.NotNull(s.InferenceStats.CacheMiss);
        Assert.Equal(0UL, s.InferenceStats.ComputeInfer.Count);
    }

    [Fact]
    public void RecordSuccess_FromManyThreads_LosesNoCount()
    {
        var counters = new ModelStatisticsCounters();

        Parallel.For(0, 10_000, i => counters.RecordSuccess(2, new StageDurations(1, 1, 1, 1, 4), T0.AddMilliseconds(i % 100)));
        var s = counters.Snapshot("m", "1");

        Assert.Equal((20_000UL, 10_000UL, 40_000UL), (s.InferenceCount, s.ExecutionCount, s.InferenceStats.Success.Ns));
        Assert.Equal((ulong)T0.AddMilliseconds(99).ToUnixTimeMilliseconds(), s.LastInference);
    }

    [Fact]
    public void InferenceStatistics_KeysByModelAndVersion_CountedListsOnlyWhatRanFilteredByModel()
    {
        var book = new InferenceStatistics(TimeProvider.System);
        book.For("b", "1").RecordFailure(5, T0);
        book.For("a", "2").RecordSuccess(1, new StageDurations(1, 1, 1, 1, 4), T0);
        book.For("a", "1").RecordSuccess(3, new StageDurations(1, 1, 1, 1, 4), T0);

        var all = book.Counted().Select(s => (s.Name, s.Version, s.InferenceCount)).ToList();
        var onlyA = book.Counted(["a"]).Select(s => s.Version).ToList();

        Assert.Equal([("a", "1", 3UL), ("a", "2", 1UL), ("b", "1", 0UL)], all);
        Assert.Equal(["1", "2"], onlyA);
        Assert.Equal(0UL, book.Snapshot("never", "1").ExecutionCount);
        Assert.Same(book.For("a", "1"), book.For("a", "1"));
    }
}
