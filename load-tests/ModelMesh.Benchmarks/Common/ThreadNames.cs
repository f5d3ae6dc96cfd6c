namespace ModelMesh.Benchmarks.Common;

/// <summary>This process's threads grouped by name (/proc/self/task/*/comm, Linux): shows which pools grow.</summary>
public static class ThreadNames
{
    public static IReadOnlyDictionary<string, int> Count()
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        const string tasks = "/proc/self/task";
        if (!Directory.Exists(tasks))
        {
            return counts;
        }

        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                counts[name] = counts.GetValueOrDefault(name) + 1;
            }
            catch (IOException)
            {
                // The thread ended between listing and reading.
            }
        }

        return counts;
    }

    public static string Format(IReadOnlyDictionary<string, int> counts) => string.Join(", ", counts.Select(p => $"{p.Key} x{p.Value}"));
}
