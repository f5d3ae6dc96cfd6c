namespace ModelMesh.Placement.Tests.Simulation;

/// <summary>
/// What the cluster publishes about one copy, kept by <see cref="SimRegistry"/> (in the mesh, the copy grain's
/// directory entry and the member's capacity board): which silo incarnation holds it, on which device, how big,
/// and whether it has loaded. Only the holding silo writes it, with its own epoch.
/// </summary>
internal sealed record SimCopyRecord(string ModelId, string SiloId, long Epoch, SimCopyState State, string Device, long SizeBytes);
