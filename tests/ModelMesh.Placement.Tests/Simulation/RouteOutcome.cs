namespace ModelMesh.Placement.Tests.Simulation;

/// <summary>What the simulated front door did with one attempt of a request.</summary>
internal enum RouteOutcome
{
    Served,
    WaitingForLoad,
    Unavailable,
    NotFound,
    TooLarge,
}
