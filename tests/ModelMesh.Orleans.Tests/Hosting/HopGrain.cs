using System.Diagnostics;
using Orleans.Placement;

namespace ModelMesh.Orleans.Tests.Hosting;

/// <summary>A test grain that answers where it runs; placed on the silo that first calls it, so a second silo's call crosses a hop.</summary>
public interface IHopGrain : IGrainWithStringKey
{
    Task<HopAnswer> WhereAsync();
}

[GenerateSerializer, Immutable]
public sealed record HopAnswer([property: Id(0)] string Silo, [property: Id(1)] string? TraceId);

[PreferLocalPlacement]
internal sealed class HopGrain(ILocalSiloDetails silo) : Grain, IHopGrain
{
    public Task<HopAnswer> WhereAsync() => Task.FromResult(new HopAnswer(silo.SiloAddress.ToParsableString(), Activity.Current?.TraceId.ToString()));
}
