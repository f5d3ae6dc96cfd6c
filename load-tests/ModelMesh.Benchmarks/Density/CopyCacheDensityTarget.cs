using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ModelMesh.Benchmarks.Common;
using ModelMesh.Orleans.Cache;
using ModelMesh.Orleans.Copies;
using ModelMesh.Orleans.Registrations;
using ModelMesh.Registry;
using ModelMesh.Silo;
using ModelMesh.Silo.Mesh;

namespace ModelMesh.Benchmarks.Density;

/// <summary>
/// The Orleans silo's copy cache (<see cref="SiloCopyCache"/>) with its <see cref="ModelLoader"/>, in this process and
/// without an Orleans silo: each copy is admitted, loaded and leased as a copy grain would, and run once in process. So
/// it measures the cache, the loader's accounting and ORT's sessions, not the grain activations (no silo here).
/// </summary>
public sealed class CopyCacheDensityTarget(SiloOptions options) : IDensityTarget
{
    private readonly ModelLoader _loader = new(ProcessOrtRuntime.Get(), Options.Create(options));
    private readonly Dictionary<string, CopyEntry> _entries = new(StringComparer.Ordinal);
    private SiloCopyCache? _cache;

    private SiloCopyCache Cache => _cache ??= new SiloCopyCache(
        Options.Create(new CopyCacheOptions { CpuCapacityBytes = options.CpuCapacityBytes }), _loader, TimeProvider.System, NullLogger<SiloCopyCache>.Instance);

    public async Task<bool> LoadAndRunAsync(ModelRecord model, CancellationToken cancellationToken)
    {
        var registration = new ModelRegistration(model.ModelId, new Uri(model.StorageUri).LocalPath);
        var entry = Cache.Admit(new ModelCopyKey(model.ModelId, 0), registration, grain: null);
        _entries[model.ModelId] = entry;
        await Cache.StartLoad(entry).WaitAsync(cancellationToken);
        using var lease = Cache.Lease(entry);
        var session = lease.Session.Session;
        var outputs = session.Run(GeneratedMlp.Request(model.ModelId).OrtInputs, [.. session.Outputs.Select(o => o.Name)], cancellationToken);
        return outputs.Count > 0;
    }

    public void Unload(string modelId)
    {
        if (_entries.Remove(modelId, out var entry))
        {
            Cache.Release(entry, "unloaded by the benchmark");
        }
    }

    public long AccountedBytes() => Cache.Copies().Sum(c => c.SizeBytes);

    public ValueTask DisposeAsync()
    {
        _cache?.Dispose();
        _loader.Dispose();
        return ValueTask.CompletedTask;
    }
}
