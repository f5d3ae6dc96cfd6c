namespace ModelMesh.Kubernetes.Status;

/// <summary>KServe ModelMesh's model states (<c>activeModelState</c>, <c>targetModelState</c>) and transition statuses.</summary>
public static class ModelStates
{
    public const string None = "";
    public const string Pending = "Pending";
    public const string Standby = "Standby";
    public const string Loading = "Loading";
    public const string Loaded = "Loaded";
    public const string FailedToLoad = "FailedToLoad";

    public const string UpToDate = "UpToDate";
    public const string InProgress = "InProgress";
    public const string BlockedByFailedLoad = "BlockedByFailedLoad";
    public const string InvalidSpec = "InvalidSpec";
}
