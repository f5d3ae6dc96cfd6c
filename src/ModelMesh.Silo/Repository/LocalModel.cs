namespace ModelMesh.Silo.Repository;

/// <summary>A model found in the models directory, with its versions (highest = default).</summary>
public sealed class LocalModel(string name, IReadOnlyList<LocalModelVersion> versions)
{
    public string Name { get; } = name;

    /// <summary>Versions in ascending order.</summary>
    public IReadOnlyList<LocalModelVersion> Versions { get; } = versions;

    public LocalModelVersion DefaultVersion => Versions[^1];

    public LocalModelVersion? FindVersion(string version)
    {
        foreach (var v in Versions)
        {
            if (v.VersionText == version)
            {
                return v;
            }
        }

        return null;
    }
}
