namespace ModelMesh.Orleans.Copies;

/// <summary>
/// The key of one model copy grain: <c>{model}/{n}</c>. Model ids may contain '/', so the copy number is what follows
/// the last one. Copy 0 is the first copy; a per-model grain (not built yet) decides how many exist.
/// </summary>
public readonly record struct ModelCopyKey(string ModelId, int Copy)
{
    public override string ToString() => $"{ModelId}/{Copy}";

    public static ModelCopyKey Parse(string key)
    {
        if (!TryParse(key, out var parsed))
        {
            throw new ModelCopyException(CopyFailure.InvalidKey,
                $"'{key}' is not a model copy key: expected {{model}}/{{copy number}}, e.g. mlp/0");
        }

        return parsed;
    }

    public static bool TryParse(string? key, out ModelCopyKey parsed)
    {
        parsed = default;
        var slash = key?.LastIndexOf('/') ?? -1;
        if (key is null || slash <= 0 || slash == key.Length - 1
            || !int.TryParse(key.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var copy))
        {
            return false;
        }

        parsed = new ModelCopyKey(key[..slash], copy);
        return true;
    }
}
