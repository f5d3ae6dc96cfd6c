namespace ModelMesh.Registry;

/// <summary>The registry could not be reached or did not answer in time.</summary>
public sealed class RegistryUnavailableException : Exception
{
    public RegistryUnavailableException(string message)
        : base(message)
    {
    }

    public RegistryUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
