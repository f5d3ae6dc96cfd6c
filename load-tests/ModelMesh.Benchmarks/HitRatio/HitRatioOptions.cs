namespace ModelMesh.Benchmarks.HitRatio;

/// <summary>
/// <c>hit-ratio</c> settings: the simulated trace (many models, many requests) and the shorter trace replayed on the
/// real mesh. Capacity is a fraction (the simulation runs each of SimCapacityFractions; the mesh replay uses CapacityFraction) of the models' total bytes; sizes are drawn log-uniformly in each range.
/// </summary>
public sealed record HitRatioOptions(
    IReadOnlyList<double> Exponents,
    double CapacityFraction,
    int Seed,
    int SimModels,
    int SimRequests,
    long SimMinBytes,
    long SimMaxBytes,
    int MeshModels,
    int MeshRequests,
    long MeshMinBytes,
    long MeshMaxBytes,
    IReadOnlyList<int> MeshSilos,
    string? JsonPath,
    IReadOnlyList<double> SimCapacityFractions);
