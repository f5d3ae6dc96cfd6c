namespace ModelMesh.Registry.Resp;

/// <summary>The server sent bytes that are not RESP2; the connection is dropped.</summary>
public sealed class RespProtocolException(string message) : RespException(message);
