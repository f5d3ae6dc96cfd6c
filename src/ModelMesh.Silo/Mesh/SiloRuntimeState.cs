namespace ModelMesh.Silo.Mesh;

/// <summary>Process-level state of a silo: draining flag and requests in flight.</summary>
public sealed class SiloRuntimeState
{
    private int _inFlight;
    private int _draining;

    public bool IsDraining => Volatile.Read(ref _draining) == 1;

    public int InFlight => Volatile.Read(ref _inFlight);

    public void StartDraining() => Interlocked.Exchange(ref _draining, 1);

    /// <summary>Set once a drain has removed the silo from the registry: heartbeats must not re-create its lease.</summary>
    public bool HasLeft { get; set; }

    /// <summary>Set when the process stops as a whole (dev cluster, tests): no hand-off to other silos.</summary>
    public bool SkipDrain { get; set; }

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Exit() => Interlocked.Decrement(ref _inFlight);
}
