namespace ModelMesh.FrontDoor.Routing;

/// <summary>This front door's own view of one copy's traffic: requests in flight now and last use.</summary>
public sealed class CopyStats
{
    private int _inFlight;
    private long _lastUsedTicks;

    public int InFlight => Volatile.Read(ref _inFlight);

    public long LastUsedTicks => Interlocked.Read(ref _lastUsedTicks);

    public void Enter(long nowTicks)
    {
        Interlocked.Increment(ref _inFlight);
        Interlocked.Exchange(ref _lastUsedTicks, nowTicks);
    }

    public void Exit() => Interlocked.Decrement(ref _inFlight);
}
