namespace ModelMesh.Registry;

/// <summary>
/// The Redis server's TLS certificate was refused (not signed by a trusted CA, or not naming the host); the message
/// says which setting fixes it. Surfaces as the inner exception of <see cref="RegistryUnavailableException"/>.
/// </summary>
public sealed class RedisCertificateException(string message, Exception? inner = null) : Exception(message, inner);
