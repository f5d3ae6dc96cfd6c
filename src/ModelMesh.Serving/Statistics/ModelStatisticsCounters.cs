using ModelMesh.Contracts.Inference;

namespace ModelMesh.Serving.Statistics;

/// <summary>
/// Cumulative statistics-extension counters of one model version in one process, as Triton keeps them: a success
/// adds to success, queue, compute input/infer/output, the inference count (batch elements) and the execution count;
/// a failure adds only to fail. Both move the last-inference time. Thread-safe; a snapshot is consistent.
/// </summary>
public sealed class ModelStatisticsCounters
{
    private readonly Lock _lock = new();
    private Duration _success, _fail, _queue, _computeInput, _computeInfer, _computeOutput;
    private ulong _inferenceCount, _executionCount, _lastInferenceMs;

    /// <summary>Records a successful request of <paramref name="inferences"/> batch elements, run in one execution.</summary>
    public void RecordSuccess(ulong inferences, in StageDurations stages, DateTimeOffset at)
    {
        lock (_lock)
        {
            _success.Add(stages.TotalNs);
            _queue.Add(stages.QueueNs);
            _computeInput.Add(stages.ComputeInputNs);
            _computeInfer.Add(stages.ComputeInferNs);
            _computeOutput.Add(stages.ComputeOutputNs);
            _inferenceCount += inferences;
            _executionCount++;
            SetLast(at);
        }
    }

    /// <summary>Records a failed request that took <paramref name="durationNs"/> until it failed.</summary>
    public void RecordFailure(ulong durationNs, DateTimeOffset at)
    {
        lock (_lock)
        {
            _fail.Add(durationNs);
            SetLast(at);
        }
    }

    /// <summary>The counters as the extension's message, under the given name and version.</summary>
    public ModelStatistics Snapshot(string name, string version)
    {
        lock (_lock)
        {
            return new ModelStatistics
            {
                Name = name,
                Version = version,
                LastInference = _lastInferenceMs,
                InferenceCount = _inferenceCount,
                ExecutionCount = _executionCount,
                InferenceStats = new InferStatistics
                {
                    Success = _success.ToMessage(),
                    Fail = _fail.ToMessage(),
                    Queue = _queue.ToMessage(),
                    ComputeInput = _computeInput.ToMessage(),
                    ComputeInfer = _computeInfer.ToMessage(),
                    ComputeOutput = _computeOutput.ToMessage(),
                    CacheHit = new StatisticDuration(),
                    CacheMiss = new StatisticDuration(),
                },
            };
        }
    }

    /// <summary>Zero statistics (a model that has not run), with every duration present as Triton reports it.</summary>
    public static ModelStatistics Empty(string name, string version) => new ModelStatisticsCounters().Snapshot(name, version);

    private void SetLast(DateTimeOffset at)
    {
        var ms = (ulong)Math.Max(0, at.ToUnixTimeMilliseconds());
        if (ms > _lastInferenceMs)
        {
            _lastInferenceMs = ms;
        }
    }

    private struct Duration
    {
        private ulong _count, _ns;

        public void Add(ulong ns)
        {
            _count++;
            _ns += ns;
        }

        public readonly StatisticDuration ToMessage() => new() { Count = _count, Ns = _ns };
    }
}
