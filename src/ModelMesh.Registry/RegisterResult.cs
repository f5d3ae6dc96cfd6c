namespace ModelMesh.Registry;

public enum RegisterOutcome
{
    /// <summary>A new registration.</summary>
    Created,

    /// <summary>Already registered with identical attributes: a no-op.</summary>
    Unchanged,

    /// <summary>Registered with different attributes: refused (models are immutable).</summary>
    Conflict,
}

/// <summary>The outcome of a registration and the record now stored.</summary>
public sealed record RegisterResult(RegisterOutcome Outcome, ModelRecord Stored);
