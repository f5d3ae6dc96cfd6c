namespace ModelMesh.Serving.Json;

/// <summary>The single input of a model served over V1 REST. <c>Shape[0]</c> is the batch dimension (-1 when variable).</summary>
public sealed record V1InputSpec(string Name, string Datatype, long[] Shape);
