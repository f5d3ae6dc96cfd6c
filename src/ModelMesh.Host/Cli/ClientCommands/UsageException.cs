namespace ModelMesh.Host.Cli.ClientCommands;

/// <summary>The command line was understood but its values are not usable (exit code 2).</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException()
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
