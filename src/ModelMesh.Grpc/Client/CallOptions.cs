namespace ModelMesh.Grpc;

/// <summary>Per-call settings: request metadata, deadline (UTC; null or DateTime.MaxValue for none) and cancellation.</summary>
public readonly record struct CallOptions(Metadata? Headers = null, DateTime? Deadline = null, CancellationToken CancellationToken = default);
