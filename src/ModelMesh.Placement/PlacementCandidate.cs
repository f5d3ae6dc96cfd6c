namespace ModelMesh.Placement;

/// <summary>One silo (and device on it) that can take a new copy.</summary>
/// <param name="SiloId">The silo.</param>
/// <param name="Device">The device to load on: "cpu", "gpu:1"...</param>
/// <param name="RequiresEviction">True when the copy fits only after the silo evicts idle copies.</param>
public sealed record PlacementCandidate(string SiloId, string Device, bool RequiresEviction);
