namespace ModelMesh.LoadGen.Targets;

/// <summary>Sends one prepared inference request; returns null on success or the error's code (never throws for a failed call).</summary>
public interface IInferenceTarget : IDisposable
{
    string Protocol { get; }

    ValueTask<string?> SendAsync(PreparedInput input, TimeSpan deadline, CancellationToken cancellationToken);
}
