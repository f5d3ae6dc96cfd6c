using System.Collections.Concurrent;
using ModelMesh.Contracts.Inference;

namespace ModelMesh.Serving.Statistics;

/// <summary>
/// A process's statistics-extension counters, one <see cref="ModelStatisticsCounters"/> per model (or model id) and
/// version. Counters live as long as the process: unloading and reloading a model keeps them (Triton resets them on
/// unload; a mesh silo evicts and reloads copies as traffic moves, and the totals should not jump back).
/// </summary>
public sealed class InferenceStatistics(TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Model, string Version), ModelStatisticsCounters> _models = new();

    public TimeProvider Time => time;

    /// <summary>The counters of a model version, created on first use.</summary>
    public ModelStatisticsCounters For(string model, string version) =>
        _models.GetOrAdd((model, version), static _ => new ModelStatisticsCounters());

    /// <summary>The version's statistics; zeros when it has not run here.</summary>
    public ModelStatistics Snapshot(string model, string version) =>
        _models.TryGetValue((model, version), out var counters)
            ? counters.Snapshot(model, version)
            : ModelStatisticsCounters.Empty(model, version);

    /// <summary>Statistics of every model version counted here, ordered by model then version; optionally only the given models.</summary>
    public IEnumerable<ModelStatistics> Counted(ICollection<string>? models = null) =>
        _models
            .Where(e => models is null || models.Count == 0 || models.Contains(e.Key.Model))
            .OrderBy(e => e.Key.Model, StringComparer.Ordinal)
            .ThenBy(e => e.Key.Version, StringComparer.Ordinal)
            .Select(e => e.Value.Snapshot(e.Key.Model, e.Key.Version));

    /// <summary>Starts timing one request's stages.</summary>
    public StageClock StartClock() => new(time);
}
