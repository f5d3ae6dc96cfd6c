using System.Collections.Concurrent;
using ModelMesh.Orleans.Board;

namespace ModelMesh.Orleans.Cache;

/// <summary>
/// Loads that failed on this silo in the last <see cref="Expiry"/> (ModelMesh keeps failures 15 minutes): published on the
/// board so the model's status says LOADING_FAILED with the reason, and so placement avoids this silo for the model.
/// </summary>
public sealed class LoadFailures(TimeProvider time)
{
    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<string, CopyView> _failures = new(StringComparer.Ordinal);

    public void Record(CopyEntry entry, string error) =>
        _failures[entry.ModelId] = new CopyView
        {
            Key = entry.KeyText, ModelId = entry.ModelId, State = CopyStateName.Failed, Device = entry.Device, Since = time.GetUtcNow(), Error = error,
        };

    /// <summary>True when the model failed to load here within the expiry.</summary>
    public bool Has(string modelId) => _failures.TryGetValue(modelId, out var failure) && IsFresh(failure, time.GetUtcNow());

    /// <summary>Forgets a model's failure (it loaded after all, or it was unregistered).</summary>
    public void Clear(string modelId) => _failures.TryRemove(modelId, out _);

    public IReadOnlyList<CopyView> Current()
    {
        var now = time.GetUtcNow();
        var list = new List<CopyView>();
        foreach (var (model, failure) in _failures)
        {
            if (!IsFresh(failure, now))
            {
                _failures.TryRemove(model, out _);
            }
            else
            {
                list.Add(failure);
            }
        }

        return list;
    }

    private static bool IsFresh(CopyView failure, DateTimeOffset now) => now - failure.Since < Expiry;
}
