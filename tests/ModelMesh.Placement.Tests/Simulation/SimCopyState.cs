namespace ModelMesh.Placement.Tests.Simulation;

/// <summary>The published state of a simulated copy: reserved and loading, or loaded and routable.</summary>
internal enum SimCopyState
{
    Loading,
    Loaded,
}
