namespace ModelMesh.Registry.Resp;

/// <summary>No connection to the server: connect failed, or the connection broke while the command was in flight.</summary>
public sealed class RespConnectionException(string message, Exception? inner = null) : RespException(message, inner);
