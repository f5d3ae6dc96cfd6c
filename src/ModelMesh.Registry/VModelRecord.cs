namespace ModelMesh.Registry;

/// <summary>A stable alias pointing at a model id.</summary>
public sealed record VModelRecord(string VModelId, string TargetModelId, string? Owner, DateTimeOffset UpdatedAt);
