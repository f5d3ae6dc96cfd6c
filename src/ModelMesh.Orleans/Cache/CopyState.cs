namespace ModelMesh.Orleans.Cache;

public enum CopyState
{
    /// <summary>Bytes reserved (the prediction), session being created.</summary>
    Loading,

    /// <summary>Session ready; bytes are the measurement.</summary>
    Loaded,

    /// <summary>The load failed; no bytes held.</summary>
    Failed,

    /// <summary>Evicted or deactivated; no bytes held.</summary>
    Retired,
}
