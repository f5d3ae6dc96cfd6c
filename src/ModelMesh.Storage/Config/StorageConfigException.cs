namespace ModelMesh.Storage.Config;

/// <summary>The storage config cannot be read: a bad file, an entry with a missing or wrong field. Names the key and field, never a value.</summary>
public sealed class StorageConfigException : Exception
{
    public StorageConfigException()
    {
    }

    public StorageConfigException(string message)
        : base(message)
    {
    }

    public StorageConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
