namespace ModelMesh.Orleans.Registrations;

/// <summary>
/// What a copy needs to load its model: the local ONNX file (already fetched from its storage), the registrant's size
/// hint (0: predicted from the file), the device class ("cpu" or "gpu") and the version the responses name.
/// </summary>
public sealed record ModelRegistration(string ModelId, string LocalPath, long SizeHintBytes = 0, string DeviceClass = "cpu", string Version = "1");
