using ModelMesh.Registry;

namespace ModelMesh.FrontDoor.Routing;

/// <summary>
/// Where a new copy goes. <paramref name="LastResort"/>: every silo is full of recently used copies, the silo
/// may evict one of them. <paramref name="Tracked"/>: counted in <see cref="LoadsInProgress"/> until the caller ends it.
/// </summary>
public readonly record struct PlacedCopy(SiloRecord Silo, bool LastResort, bool Tracked);
