using Orleans.Services;

namespace ModelMesh.Orleans.Board;

/// <summary>The per-silo endpoint that receives other silos' capacity publications (a GrainService: one per silo, addressed by silo).</summary>
public interface ICapacityBoardService : IGrainService
{
    /// <summary>Records a silo's publication on this silo's board. One-way: the publisher never waits on a slow or dead silo.</summary>
    [OneWay]
    Task Publish(SiloCapacity capacity);
}
