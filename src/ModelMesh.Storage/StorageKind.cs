namespace ModelMesh.Storage;

/// <summary>Where a model's bytes live, by storage URI scheme.</summary>
public enum StorageKind
{
    /// <summary><c>file:///abs/path</c>: a local file, or a folder holding model.onnx. Read in place.</summary>
    File,

    /// <summary><c>pvc://claim/path</c>: a mounted volume under the PVC mount root. Read in place.</summary>
    Pvc,

    /// <summary><c>s3://bucket/key</c> (AWS or an S3-compatible server). Downloaded to the model cache.</summary>
    S3,

    /// <summary><c>azure://container/blob</c> or <c>https://ACCOUNT.blob.core.windows.net/container/blob</c>. Downloaded.</summary>
    Azure,

    /// <summary><c>http(s)://...</c>. Downloaded.</summary>
    Http,
}
