namespace ModelMesh.Registry.Resp;

/// <summary>A command got no reply within its timeout (the connection may still be alive, e.g. a paused server).</summary>
public sealed class RespTimeoutException(string message) : RespException(message);
