namespace ModelMesh.Silo.Repository;

/// <summary>State of one model version in a node's repository (names as Triton's repository index reports them).</summary>
public enum ModelState
{
    Unavailable,
    Loading,
    Ready,
    Failed,
}
