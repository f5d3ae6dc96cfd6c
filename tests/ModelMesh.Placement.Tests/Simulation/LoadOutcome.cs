namespace ModelMesh.Placement.Tests.Simulation;

/// <summary>A silo's answer to "load if absent".</summary>
internal enum LoadOutcome
{
    Started,
    AlreadyHeld,
    Refused,
    ConnectionFailed,
}
