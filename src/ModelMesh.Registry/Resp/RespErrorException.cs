namespace ModelMesh.Registry.Resp;

/// <summary>The server answered with an error reply; <see cref="Exception.Message"/> is its text, e.g. "NOSCRIPT No matching script...".</summary>
public sealed class RespErrorException(string message) : RespException(message)
{
    /// <summary>The first word of the error: "ERR", "NOSCRIPT", "WRONGPASS"...</summary>
    public string Prefix => Message.Split(' ', 2)[0];
}
