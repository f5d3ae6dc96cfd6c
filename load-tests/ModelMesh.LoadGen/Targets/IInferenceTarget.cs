namespace ModelMesh.LoadGen.Targets;

/// <summary>Sends one prepared inference request; returns null on success or the error's code (never throws for a failed call).</summary>
public interface IInferenceTarget : IDisposable
{
    string Protocol { get; }

    /// <summary>The first error detail seen per code.</summary>
    IReadOnlyDictionary<string, string> ErrorSamples { get; }

    ValueTask<string?> SendAsync(PreparedInput input, TimeSpan deadline, CancellationToken cancellationToken);
}
