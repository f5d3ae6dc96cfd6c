namespace ModelMesh.Registry;

/// <summary>
/// The registry's key names under a prefix (default <c>mm:</c>). The Lua scripts build the same names from
/// the prefix, so the two must agree: models, vmodels, events (also the name of the pub/sub channel of change hints).
/// </summary>
internal sealed class RedisKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    public string Models { get; } = prefix + "models";

    public string VModels { get; } = prefix + "vmodels";

    public string Events { get; } = prefix + "events";
}
