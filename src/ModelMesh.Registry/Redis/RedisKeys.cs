namespace ModelMesh.Registry;

/// <summary>
/// The registry's key names under a prefix (default <c>mm:</c>). The Lua scripts build the same names from
/// the prefix, so the two must agree: models, vmodels, silos, silo:{id}, copies:{model},
/// silocopies:{silo}, loading:{model}, events (also the name of the pub/sub channel of change hints).
/// </summary>
internal sealed class RedisKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    public string Models { get; } = prefix + "models";

    public string VModels { get; } = prefix + "vmodels";

    public string Silos { get; } = prefix + "silos";

    public string Events { get; } = prefix + "events";

    public string Copies(string modelId) => Prefix + "copies:" + modelId;

    public string Claim(string modelId) => Prefix + "loading:" + modelId;

    /// <summary>A SCAN pattern matching every copies:{model} key (glob characters of the prefix escaped).</summary>
    public string CopiesPattern() => EscapeGlob(Prefix + "copies:") + "*";

    private static string EscapeGlob(string text)
    {
        var escaped = new System.Text.StringBuilder(text.Length + 4);
        foreach (var c in text)
        {
            if (c is '*' or '?' or '[' or ']' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
