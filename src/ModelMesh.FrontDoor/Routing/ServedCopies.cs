using System.Collections.Concurrent;

namespace ModelMesh.FrontDoor.Routing;

/// <summary>
/// Models this process just got an answer from (an inference or a management load): a copy is loaded somewhere now,
/// even before its silo's next capacity publication reaches this process's board. ModelReady right after a first
/// inference is therefore true. A mark lasts <see cref="Window"/> (a few publications); after that the board decides.
/// </summary>
public sealed class ServedCopies(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(3);
    private readonly ConcurrentDictionary<string, long> _served = new(StringComparer.Ordinal);

    public void Mark(string modelId) => _served[modelId] = time.GetTimestamp();

    public void Clear(string modelId) => _served.TryRemove(modelId, out _);

    public bool Recently(string modelId) => _served.TryGetValue(modelId, out var at) && time.GetElapsedTime(at) < Window;
}
