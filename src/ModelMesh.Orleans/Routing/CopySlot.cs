using ModelMesh.Orleans.Copies;

namespace ModelMesh.Orleans.Routing;

/// <summary>A router's counters for one copy of a model: the grain reference, requests in flight, requests since the last report, and until when it is avoided.</summary>
internal sealed class CopySlot(int copy, IModelCopyGrain grain)
{
    private int _inFlight;
    private long _requests;
    private long _suspectUntilTicks;

    public int Copy { get; } = copy;

    public IModelCopyGrain Grain { get; } = grain;

    public int InFlight => Volatile.Read(ref _inFlight);

    public bool IsSuspect(long nowTicks) => nowTicks < Interlocked.Read(ref _suspectUntilTicks);

    public void Suspect(DateTimeOffset until) => Interlocked.Exchange(ref _suspectUntilTicks, until.UtcTicks);

    public void Enter()
    {
        Interlocked.Increment(ref _inFlight);
        Interlocked.Increment(ref _requests);
    }

    public void Exit() => Interlocked.Decrement(ref _inFlight);

    /// <summary>Requests since the previous call.</summary>
    public long TakeRequests() => Interlocked.Exchange(ref _requests, 0);
}
