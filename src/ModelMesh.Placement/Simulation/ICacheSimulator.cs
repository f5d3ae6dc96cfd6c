namespace ModelMesh.Placement.Simulation;

/// <summary>
/// Replays a trace through one cache of the given capacity. Admission is forced, as in a model mesh: a
/// request is served only by a loaded copy, so a miss loads the model (evicting others until it fits); a
/// model larger than the capacity is never loaded.
/// </summary>
public interface ICacheSimulator
{
    string Name { get; }

    CacheSimulationResult Run(IReadOnlyList<TraceRequest> trace, long capacityBytes);
}
