namespace ModelMesh.Silo.Mesh;

/// <summary>Resident set size of this process, read from /proc/self/statm (Linux), else the runtime's working set.</summary>
public static class ProcessMemory
{
    private static readonly long PageSize = Environment.SystemPageSize;

    public static long ResidentBytes()
    {
        try
        {
            var statm = File.ReadAllText("/proc/self/statm");
            var fields = statm.Split(' ');
            return long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) * PageSize;
        }
        catch (IOException)
        {
            return Environment.WorkingSet;
        }
    }
}
