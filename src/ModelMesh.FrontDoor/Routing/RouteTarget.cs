using ModelMesh.Registry;

namespace ModelMesh.FrontDoor.Routing;

/// <summary>Where one attempt goes: the silo, and whether it may load the model to answer.</summary>
public readonly record struct RouteTarget(SiloRecord Silo, bool LoadIfAbsent);
