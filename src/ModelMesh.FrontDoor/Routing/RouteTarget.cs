using ModelMesh.Registry;

namespace ModelMesh.FrontDoor.Routing;

/// <summary>Where one attempt goes: the silo, and whether it may load the model to answer.</summary>
/// <param name="EvictRecent">Placed as a last resort: the silo may evict copies inside its churn guard.</param>
/// <param name="TrackedLoad">A new copy this front door placed: it counts in <see cref="LoadsInProgress"/> until the attempt returns.</param>
public readonly record struct RouteTarget(SiloRecord Silo, bool LoadIfAbsent, bool EvictRecent = false, bool TrackedLoad = false);
