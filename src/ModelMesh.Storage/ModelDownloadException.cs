namespace ModelMesh.Storage;

/// <summary>
/// A model could not be fetched: the store's reason (missing object, access denied, a size or MD5 mismatch, a timeout).
/// <see cref="Transient"/> ones are retried with backoff. The message names the location without user info or query
/// and never holds a credential; the load fails with it.
/// </summary>
public sealed class ModelDownloadException : Exception
{
    public ModelDownloadException()
    {
    }

    public ModelDownloadException(string message)
        : base(message)
    {
    }

    public ModelDownloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ModelDownloadException(string message, bool transient, Exception? innerException = null)
        : base(message, innerException)
    {
        Transient = transient;
    }

    /// <summary>Worth another attempt: a network failure, a 5xx or throttling answer, a truncated or corrupted transfer.</summary>
    public bool Transient { get; }
}
