using ModelMesh.Contracts.Inference;

namespace ModelMesh.FrontDoor.Statistics;

/// <summary>
/// Adds one silo's statistics of a model into the mesh total: counts and durations add up, the last inference is
/// the latest of them. Name and version stay the total's.
/// </summary>
public static class ModelStatisticsSum
{
    public static void Add(ModelStatistics total, ModelStatistics part)
    {
        total.LastInference = Math.Max(total.LastInference, part.LastInference);
        total.InferenceCount += part.InferenceCount;
        total.ExecutionCount += part.ExecutionCount;
        if (part.InferenceStats is not { } from)
        {
            return;
        }

        var into = total.InferenceStats ??= new InferStatistics();
        into.Success = Add(into.Success, from.Success);
        into.Fail = Add(into.Fail, from.Fail);
        into.Queue = Add(into.Queue, from.Queue);
        into.ComputeInput = Add(into.ComputeInput, from.ComputeInput);
        into.ComputeInfer = Add(into.ComputeInfer, from.ComputeInfer);
        into.ComputeOutput = Add(into.ComputeOutput, from.ComputeOutput);
        into.CacheHit = Add(into.CacheHit, from.CacheHit);
        into.CacheMiss = Add(into.CacheMiss, from.CacheMiss);
    }

    private static StatisticDuration Add(StatisticDuration? total, StatisticDuration? part) => new()
    {
        Count = (total?.Count ?? 0) + (part?.Count ?? 0),
        Ns = (total?.Ns ?? 0) + (part?.Ns ?? 0),
    };
}
