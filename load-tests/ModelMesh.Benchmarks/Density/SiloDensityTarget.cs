using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using ModelMesh.Benchmarks.Common;
using ModelMesh.Benchmarks.Mesh;
using ModelMesh.Host.Roles;
using ModelMesh.Registry;
using ModelMesh.Serving.Grpc;
using ModelMesh.Silo;
using ModelMesh.Silo.Mesh;

namespace ModelMesh.Benchmarks.Density;

/// <summary>
/// One silo (in-memory registry, no front door; an Orleans cluster of one): each model loads as a copy grain activation on
/// the first V2 ModelInfer to the silo's own endpoint, so the numbers include Orleans' per-activation cost.
/// </summary>
public sealed class SiloDensityTarget : IDensityTarget
{
    private readonly IMeshRegistry _registry;
    private readonly SiloHost _silo;
    private readonly GrpcChannel _channel;

    private SiloDensityTarget(IMeshRegistry registry, SiloHost silo)
    {
        _registry = registry;
        _silo = silo;
        _channel = GrpcChannelPool.Create(silo.Address, 64 * 1024 * 1024);
    }

    public static async Task<SiloDensityTarget> StartAsync(SiloOptions options, CancellationToken cancellationToken)
    {
        var registry = RegistryFactory.Create("memory");
        var silo = await SiloHost.StartAsync(registry, options, IPAddress.Loopback, 0, logging: QuietLogging.Configure, cancellationToken: cancellationToken);
        return new SiloDensityTarget(registry, silo);
    }

    public async Task<bool> LoadAndRunAsync(ModelRecord model, CancellationToken cancellationToken)
    {
        await _registry.RegisterModelAsync(model, cancellationToken);
        try
        {
            await new DirectSiloTarget(_channel, GeneratedMlp.Request(model.ModelId).InferRequest, model.ModelId).CallOnceAsync(cancellationToken);
            return true;
        }
        catch (RpcException)
        {
            return false;
        }
    }

    public void Unload(string modelId) => _silo.Cache.UnloadModel(modelId);

    public long AccountedBytes() => _silo.Cache.Copies().Sum(c => c.SizeBytes);

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _silo.DisposeAsync();
        await _registry.DisposeAsync();
    }
}
