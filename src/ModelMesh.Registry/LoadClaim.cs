namespace ModelMesh.Registry;

/// <summary>A cross-front-door claim that <see cref="SiloId"/> is loading a model; expires by itself (invariant 4).</summary>
public sealed record LoadClaim(string ModelId, string SiloId, long Epoch, DateTimeOffset ExpiresAt);
