namespace ModelMesh.Storage.Stores;

/// <summary>Opens a remote model object. Failures are <see cref="ModelDownloadException"/> with the store's reason, transient or not.</summary>
internal interface IObjectStore
{
    Task<RemoteObject> OpenAsync(ModelSource source, CancellationToken cancellationToken);
}
