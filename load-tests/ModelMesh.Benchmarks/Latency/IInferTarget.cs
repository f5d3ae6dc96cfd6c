namespace ModelMesh.Benchmarks.Latency;

/// <summary>One way of running a model's benchmark request; called back to back by closed-loop workers.</summary>
public interface IInferTarget
{
    /// <summary>Short name of the path, e.g. "grpc" or "in-proc".</summary>
    string Name { get; }

    /// <summary>Runs one request to completion. Synchronous targets return a completed task.</summary>
    ValueTask InvokeAsync(CancellationToken cancellationToken);
}
