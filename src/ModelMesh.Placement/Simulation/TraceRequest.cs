namespace ModelMesh.Placement.Simulation;

/// <summary>One request of a cache trace: the model asked for and the size of one copy of it.</summary>
public readonly record struct TraceRequest(string ModelId, long SizeBytes);
