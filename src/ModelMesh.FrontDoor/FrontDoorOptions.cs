namespace ModelMesh.FrontDoor;

/// <summary>Options of a front door (config section <c>ModelMesh:FrontDoor</c>).</summary>
public sealed class FrontDoorOptions
{
    public const string SectionName = "ModelMesh:FrontDoor";

    /// <summary>Attempts per request across copies and silos (ModelMesh: 8).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Deadline applied when the client sent none (default 5 min: long enough for a cold load).</summary>
    public TimeSpan DefaultDeadline { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A model whose copies failed to load on this many silos reports LOADING_FAILED (ModelMesh: 3).</summary>
    public int FailedCopiesForLoadingFailed { get; set; } = 3;

    /// <summary>Backoff between registry resync attempts while it is unreachable.</summary>
    public TimeSpan ResyncBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Log one line per inference request (<see cref="FrontDoor.AccessLog"/>: model, protocol, the status the client got
    /// — the gRPC code, or the HTTP status for REST —, latency, silo, attempts); off by default.
    /// </summary>
    public bool AccessLog { get; set; }
}
