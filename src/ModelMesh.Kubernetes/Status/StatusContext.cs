namespace ModelMesh.Kubernetes.Status;

/// <summary>What status rendering needs besides the state: the mesh's endpoints and the time of this write.</summary>
public sealed record StatusContext(string GrpcEndpoint, string HttpEndpoint, DateTimeOffset Now);
