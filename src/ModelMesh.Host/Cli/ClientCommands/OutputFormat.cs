namespace ModelMesh.Host.Cli.ClientCommands;

/// <summary>How a client verb prints its result: aligned text for people, JSON for scripts.</summary>
public enum OutputFormat
{
    Table,
    Json,
}
