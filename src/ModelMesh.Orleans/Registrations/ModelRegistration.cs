namespace ModelMesh.Orleans.Registrations;

/// <summary>
/// What a copy needs to load its model: where the ONNX file is (<paramref name="LocalPath"/>: a local path, or a storage
/// URI — file://, pvc://, s3://, azure://, http(s):// — fetched through the silo's model cache with
/// <paramref name="StorageKey"/>'s credentials), the registrant's size hint (0: predicted from the file), the device class
/// ("cpu" or "gpu") and the version the responses name.
/// </summary>
public sealed record ModelRegistration(
    string ModelId, string LocalPath, long SizeHintBytes = 0, string DeviceClass = "cpu", string Version = "1", string? StorageKey = null)
{
    /// <summary>The storage URI the model loader fetches from.</summary>
    public string StorageUri => Path.IsPathRooted(LocalPath) ? new Uri(Path.GetFullPath(LocalPath)).AbsoluteUri : LocalPath;
}
