namespace ModelMesh.Placement.Tests.Simulation;

/// <summary>Counters of one simulation run, for the test output.</summary>
internal sealed record ClusterSimulationReport(
    int Seed,
    int Silos,
    int Requests,
    int Served,
    int NotFound,
    int TooLarge,
    int Evictions,
    int Refusals,
    int ScaleUps,
    int Kills,
    TimeSpan LongestWait,
    TimeSpan QuiescedAfter);
