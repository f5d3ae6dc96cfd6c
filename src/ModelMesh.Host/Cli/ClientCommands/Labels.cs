namespace ModelMesh.Host.Cli.ClientCommands;

/// <summary><c>--label k=v</c> values as a dictionary.</summary>
internal static class Labels
{
    public static Dictionary<string, string> Parse(IEnumerable<string> pairs)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"Label '{pair}' is not k=v.");
            }

            var key = pair[..equals].Trim();
            if (!labels.TryAdd(key, pair[(equals + 1)..].Trim()))
            {
                throw new UsageException($"Label '{key}' is given twice.");
            }
        }

        return labels;
    }
}
