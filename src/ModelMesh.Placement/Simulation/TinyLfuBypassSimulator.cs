namespace ModelMesh.Placement.Simulation;

/// <summary>
/// TinyLFU as cachesim.py measures it (the reference point, not something a serving mesh can do): an LRU cache
/// whose misses are admitted only when the newcomer was asked for more often than every victim it would evict
/// (<see cref="FrequencySketch"/>); a newcomer not admitted is answered without being cached, i.e. the request
/// is a miss and nothing is evicted. A mesh must load a model to serve it: <see cref="PolicyCacheSimulator"/>
/// with <see cref="AdmissionPolicy.TinyLfu"/> is the servable variant (see <see cref="CachePolicy"/>).
/// </summary>
public sealed class TinyLfuBypassSimulator(int window = CacheOptions.DefaultFrequencyWindow) : ICacheSimulator
{
    private readonly LruCacheSimulator _lru = new(window);

    public string Name => _lru.Name;

    public CacheSimulationResult Run(IReadOnlyList<TraceRequest> trace, long capacityBytes) => _lru.Run(trace, capacityBytes);
}
