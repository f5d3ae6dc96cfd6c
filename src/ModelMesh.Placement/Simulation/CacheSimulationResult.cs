namespace ModelMesh.Placement.Simulation;

/// <summary>
/// Outcome of replaying a trace through a cache simulator.
/// </summary>
/// <param name="Requests">Requests in the trace.</param>
/// <param name="Hits">Requests that found their model loaded.</param>
/// <param name="BytesLoaded">Bytes loaded by misses (a model must be loaded to serve a request).</param>
/// <param name="Unservable">Requests for models larger than the whole capacity (counted as misses, never loaded).</param>
public sealed record CacheSimulationResult(long Requests, long Hits, long BytesLoaded, long Unservable)
{
    public long Misses => Requests - Hits;

    public double HitRatio => Requests == 0 ? 0 : (double)Hits / Requests;
}
