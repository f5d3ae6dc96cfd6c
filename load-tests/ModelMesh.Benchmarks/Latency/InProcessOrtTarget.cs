using ModelMesh.Onnx;

namespace ModelMesh.Benchmarks.Latency;

/// <summary>OrtSession.Run on the benchmark's own session of the same model file: no protocol, no validation, no limiter.</summary>
public sealed class InProcessOrtTarget(OrtSession session, IReadOnlyList<OrtInputTensor> inputs) : IInferTarget
{
    private readonly string[] _outputNames = [.. session.Outputs.Select(o => o.Name)];

    public string Name => "in-proc";

    /// <summary>Runs without a token: a cancellable Run costs an OrtRunOptions and a callback registration per call (the server pays that).</summary>
    public ValueTask InvokeAsync(CancellationToken cancellationToken)
    {
        session.Run(inputs, _outputNames, CancellationToken.None);
        return ValueTask.CompletedTask;
    }

    /// <summary>One run, for checking the served outputs against these.</summary>
    public IReadOnlyList<OrtOutputTensor> RunOnce() => session.Run(inputs, _outputNames);
}
