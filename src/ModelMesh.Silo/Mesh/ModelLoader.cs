using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ModelMesh.Onnx;
using ModelMesh.Registry;
using ModelMesh.Serving.Tracing;
using ModelMesh.Silo.Repository;
using ModelMesh.Storage;
using ModelMesh.Storage.Config;

namespace ModelMesh.Silo.Mesh;

/// <summary>
/// Turns a model record into a loaded session and says how much memory it takes.
/// Prediction (before the load): the registrant's size hint, else file bytes x 1.5 + the per-session overhead (ORT
/// holds large models at 1.1-1.5x their file, small MLPs at up to 3.4x; the measurement then corrects); the 1,000,000 B
/// minimum only when the file's size is not known yet (a known tiny file is predicted at its real cost, ~130 KiB).
/// Measurement (after): the growth of process RSS across session creation, after returning the allocator's free
/// memory to the OS (otherwise RSS growth under-reads when the allocator reuses memory freed by evictions), never below
/// file bytes x 1.25 + the overhead and never above 3 x the file + 2 x the overhead (it over-reads when other threads
/// of the process allocate meanwhile). The overhead (<see cref="SiloOptions.PerModelOverheadBytes"/>, 128 KiB) is
/// calibrated by the density benchmark; before it was 1 MiB, which accounted a 5 KB model at ~1,030 KiB.
/// Session creation is serialized so that each RSS delta belongs to one model (docs/architecture.md
/// "Sizing" gives the method's accuracy). The model file comes from the <see cref="ModelFetcher"/> (downloaded into the
/// silo's model cache for s3/azure/http URIs); the loaded session holds the file's lease until it is disposed, so the
/// cache never deletes the file of a loaded model.
/// </summary>
public sealed class ModelLoader(OrtRuntime runtime, IOptions<SiloOptions> options, ModelFetcher? fetcher = null) : IDisposable
{
    private readonly SemaphoreSlim _measureGate = new(1, 1);
    private readonly SiloOptions _options = options.Value;
    private readonly ModelFetcher _fetcher = fetcher ?? new ModelFetcher(StorageConfig.Empty, new StorageOptions(), NullLogger<ModelFetcher>.Instance, TimeProvider.System);

    public long PredictSize(ModelRecord model)
    {
        if (model.SizeHintBytes > 0)
        {
            return Math.Max(model.SizeHintBytes, _options.PerModelOverheadBytes);
        }

        if (_fetcher.KnownSize(model.StorageUri, model.StorageKey) is not { } fileBytes)
        {
            return _options.MinimumModelSizeBytes; // not downloaded yet: the measurement after the load corrects it
        }

        return (long)(fileBytes * _options.SizePredictionFactor) + _options.PerModelOverheadBytes;
    }

    /// <summary>
    /// The most a measurement is believed: 3 x the file + 2 MiB (ORT's worst seen is 3.4x for tiny MLPs). Other threads of the
    /// process allocate while a session is created (a dev process hosts the front door too), and their growth
    /// must not be charged to the model.
    /// </summary>
    private long MeasurementCeiling(long fileBytes) => 3 * fileBytes + 2 * _options.PerModelOverheadBytes;

    /// <summary>The least a loaded model can hold: its weights plus the per-session overhead.</summary>
    private long MeasurementFloor(long fileBytes) => (long)(fileBytes * _options.MeasurementFloorFactor) + _options.PerModelOverheadBytes;

    public async Task<(LoadedSession Session, long SizeBytes)> LoadAsync(ModelRecord model, string device, CancellationToken cancellationToken)
    {
        ModelFileLease file;
        using (var fetch = ModelMeshActivitySources.Silo.StartActivity("fetch"))
        {
            fetch?.SetTag("modelmesh.storage_uri", StorageLocation.Redact(new Uri(model.StorageUri)));
            file = await _fetcher.AcquireAsync(model.StorageUri, model.StorageKey, cancellationToken);
            fetch?.SetTag("modelmesh.file_bytes", file.SizeBytes);
            fetch?.SetTag("modelmesh.downloaded", file.Downloaded);
        }

        var fileBytes = file.SizeBytes;
        var sessionOptions = new OrtSessionOptions { ExecutionProvider = ExecutionProviderFor(device) };
        try
        {
            await _measureGate.WaitAsync(cancellationToken);
            try
            {
                GlibcAllocator.TrimNow(); // freed pages reused by this session would not show as growth
                var before = ProcessMemory.ResidentBytes();
                OrtSession session;
                using (var create = ModelMeshActivitySources.Silo.StartActivity("session.create"))
                {
                    create?.SetTag("modelmesh.execution_provider", sessionOptions.ExecutionProvider);
                    session = await Task.Run(() => runtime.CreateSession(file.Path, sessionOptions), cancellationToken);
                }

                var grown = ProcessMemory.ResidentBytes() - before;
                var floor = MeasurementFloor(fileBytes);
                return (new LoadedSession(session, file), Math.Clamp(grown, floor, Math.Max(floor, MeasurementCeiling(fileBytes))));
            }
            finally
            {
                _measureGate.Release();
            }
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _measureGate.Dispose();
        if (fetcher is null)
        {
            _fetcher.Dispose();
        }
    }

    internal static string ExecutionProviderFor(string device) =>
        device.StartsWith("gpu:", StringComparison.Ordinal) ? "cuda:" + device[4..] : "cpu";
}
