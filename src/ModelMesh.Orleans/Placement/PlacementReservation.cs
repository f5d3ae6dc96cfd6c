namespace ModelMesh.Orleans.Placement;

/// <summary>A copy this director placed that the target silo's publications do not show yet.</summary>
internal sealed record PlacementReservation(SiloAddress Silo, string Device, string ModelId, string CopyKey, long Bytes, DateTimeOffset Expires);
