using ModelMesh.Benchmarks.Common;

namespace ModelMesh.Benchmarks.Density;

/// <summary>The process at one point of the density run: models loaded, threads, RSS, anonymous RSS, bytes the silo accounted.</summary>
public sealed record DensitySnapshot(string Point, int ModelsLoaded, int Threads, long RssBytes, long RssAnonBytes, long AccountedBytes, IReadOnlyDictionary<string, int> ThreadsByName)
{
    public static DensitySnapshot Take(string point, int models, long accounted)
    {
        var status = ProcStatus.ReadSettled();
        return new DensitySnapshot(point, models, status.Threads, status.RssBytes, status.RssAnonBytes, accounted, ThreadNames.Count());
    }
}
