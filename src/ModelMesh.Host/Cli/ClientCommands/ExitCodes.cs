namespace ModelMesh.Host.Cli.ClientCommands;

/// <summary>What the client verbs return to the shell.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The server answered with a gRPC error (or could not be reached); status and message went to stderr.</summary>
    public const int RpcError = 1;

    /// <summary>Bad command line: unknown option, missing argument, value that does not parse.</summary>
    public const int Usage = 2;
}
