namespace ModelMesh.Storage;

/// <summary>
/// A registration's storage URI or storage key cannot be used: unsupported scheme, malformed URI, unknown key, or a key
/// of the wrong type. Registration answers INVALID_ARGUMENT / 400 with <see cref="Exception.Message"/>, which never holds a secret.
/// </summary>
public sealed class InvalidStorageReferenceException : Exception
{
    public InvalidStorageReferenceException()
    {
    }

    public InvalidStorageReferenceException(string message)
        : base(message)
    {
    }

    public InvalidStorageReferenceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
