using Orleans.Runtime.Services;

namespace ModelMesh.Orleans.Board;

/// <summary>Addresses the capacity board service of one given silo.</summary>
public sealed class CapacityBoardClient(IServiceProvider services) : GrainServiceClient<ICapacityBoardService>(services)
{
    public ICapacityBoardService On(SiloAddress silo) => GetGrainService(silo);
}
