namespace ModelMesh.Registry.Resp;

/// <summary>Base of the RESP client's failures.</summary>
public class RespException : Exception
{
    public RespException(string message)
        : base(message)
    {
    }

    public RespException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
