using Orleans.Runtime.Services;

namespace ModelMesh.Orleans.Copies;

/// <summary>Addresses the copy control service of one given silo.</summary>
public sealed class CopyControlClient(IServiceProvider services) : GrainServiceClient<ICopyControlService>(services)
{
    public ICopyControlService On(SiloAddress silo) => GetGrainService(silo);
}
