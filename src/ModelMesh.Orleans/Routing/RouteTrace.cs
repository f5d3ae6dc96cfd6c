namespace ModelMesh.Orleans.Routing;

/// <summary>What routing one call did, for the access log: the copy (and its silo, by the board) that answered last, and the attempts.</summary>
public sealed class RouteTrace
{
    public string CopyKey { get; set; } = "";

    public string Silo { get; set; } = "";

    public int Attempts { get; set; }
}
