namespace ModelMesh.Placement.Tests.Simulation;

/// <summary>A broken invariant of the cluster simulation.</summary>
public sealed class SimulationInvariantException(string message) : Exception(message);
