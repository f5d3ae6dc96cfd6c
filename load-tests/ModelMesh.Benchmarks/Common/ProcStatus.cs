using System.Globalization;

namespace ModelMesh.Benchmarks.Common;

/// <summary>
/// This process's thread count and resident memory from /proc/self/status (Linux): <c>Threads</c>, <c>VmRSS</c>
/// (all resident pages) and <c>RssAnon</c> (resident anonymous pages: heap and arenas, without mapped files
/// such as shared libraries). Zero where /proc is absent.
/// </summary>
public readonly record struct ProcStatus(int Threads, long RssBytes, long RssAnonBytes)
{
    public static ProcStatus Read()
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path))
        {
            return new ProcStatus(0, Environment.WorkingSet, 0);
        }

        int threads = 0;
        long rss = 0, anon = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                threads = int.Parse(line["Threads:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = KiloBytes(line["VmRSS:".Length..]);
            }
            else if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
            {
                anon = KiloBytes(line["RssAnon:".Length..]);
            }
        }

        return new ProcStatus(threads, rss, anon);
    }

    /// <summary>Collects the managed heap (twice, with finalizers) before reading, so managed garbage does not count.</summary>
    public static ProcStatus ReadSettled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Read();
    }

    private static long KiloBytes(string value) =>
        long.Parse(value.Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) * 1024;
}
