using Orleans.Services;

namespace ModelMesh.Orleans.Board;

/// <summary>The per-silo endpoint that receives other silos' capacity publications (a GrainService: one per silo, addressed by silo).</summary>
public interface ICapacityBoardService : IGrainService
{
    /// <summary>Records a silo's publication on this silo's board. One-way: the publisher never waits on a slow or dead silo.</summary>
    [OneWay]
    Task Publish(SiloCapacity capacity);

    /// <summary>
    /// This silo's statistics-extension counts (every copy it held since it started) for the given models, or for every
    /// model it counted when <paramref name="modelIds"/> is empty: serialized <c>inference.ModelStatisticsResponse</c>.
    /// </summary>
    [AlwaysInterleave]
    Task<byte[]> GetStatisticsAsync(string[] modelIds);
}
