namespace ModelMesh.LoadGen.Load;

public enum LoadMode
{
    Open,
    Closed,
}
