namespace ModelMesh.Kubernetes.Status;

/// <summary>KServe's <c>lastFailureInfo</c>: why the target model is not serving (the time is stamped when written).</summary>
public sealed record FailureInfo(string Reason, string Message, string? ModelId);
