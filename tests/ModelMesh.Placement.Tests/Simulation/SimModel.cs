namespace ModelMesh.Placement.Tests.Simulation;

/// <summary>A model of the simulated catalog (exact size: the simulation measures nothing).</summary>
internal sealed record SimModel(string Id, long SizeBytes, string DeviceClass, IReadOnlyDictionary<string, string> RequiredLabels);
