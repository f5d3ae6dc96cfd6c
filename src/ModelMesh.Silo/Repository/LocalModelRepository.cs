using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelMesh.Onnx;
using ModelMesh.Serving;

namespace ModelMesh.Silo.Repository;

/// <summary>
/// The models of one node, read from a folder: resolves names and versions, loads and unloads ONNX sessions.
/// Load and unload of a version are serialized; requests hold a lease on the session they run on.
/// </summary>
public sealed partial class LocalModelRepository(
    OrtRuntime runtime, IOptions<ModelRepositoryOptions> options, ILogger<LocalModelRepository> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, LocalModel> _models = new(StringComparer.Ordinal);
    private readonly ModelRepositoryOptions _options = options.Value;

    public IEnumerable<LocalModel> Models => _models.Values.OrderBy(m => m.Name, StringComparer.Ordinal);

    /// <summary>Adds models that appeared in the folder since the last scan (existing ones are kept as they are).</summary>
    public void Refresh()
    {
        foreach (var (name, versions) in ModelDirectoryScanner.Scan(_options.ModelsDirectory))
        {
            _models.GetOrAdd(name, n => new LocalModel(n, versions.Select(v => new LocalModelVersion(n, v.Key, v.Value)).ToList()));
        }
    }

    public LocalModel Find(string name)
    {
        if (_models.TryGetValue(name, out var model))
        {
            return model;
        }

        throw ServingException.NotFound($"unknown model '{name}'");
    }

    /// <summary>The named version, or the default (highest) when <paramref name="version"/> is null; NOT_FOUND otherwise.</summary>
    public LocalModelVersion Resolve(string name, string? version)
    {
        var model = Find(name);
        if (version is null)
        {
            return model.DefaultVersion;
        }

        return model.FindVersion(version)
            ?? throw ServingException.NotFound(
                $"model '{name}' has no version '{version}' (versions: {string.Join(", ", model.Versions.Select(v => v.VersionText))})");
    }

    public async Task LoadAllAsync(CancellationToken cancellationToken)
    {
        foreach (var model in Models)
        {
            await LoadAsync(model.Name, cancellationToken);
        }
    }

    /// <summary>Loads every version of the model (rescanning the folder when the name is new). A failed load is recorded, not thrown.</summary>
    public async Task<LocalModel> LoadAsync(string name, CancellationToken cancellationToken)
    {
        if (!_models.ContainsKey(name))
        {
            Refresh();
        }

        var model = Find(name);
        foreach (var version in model.Versions)
        {
            await LoadVersionAsync(version, cancellationToken);
        }

        return model;
    }

    public async Task UnloadAsync(string name, CancellationToken cancellationToken)
    {
        foreach (var version in Find(name).Versions)
        {
            await version.Gate.WaitAsync(cancellationToken);
            try
            {
                version.Session?.Retire();
                version.Session = null;
                version.State = ModelState.Unavailable;
                version.Error = null;
                LogUnloaded(logger, version.ModelName, version.VersionText);
            }
            finally
            {
                version.Gate.Release();
            }
        }
    }

    private async Task LoadVersionAsync(LocalModelVersion version, CancellationToken cancellationToken)
    {
        await version.Gate.WaitAsync(cancellationToken);
        try
        {
            if (version.State == ModelState.Ready)
            {
                return;
            }

            version.State = ModelState.Loading;
            var sessionOptions = new OrtSessionOptions
            {
                ExecutionProvider = _options.ExecutionProvider,
                GraphOptimizationLevel = _options.GraphOptimizationLevel,
            };
            try
            {
                var session = await Task.Run(() => runtime.CreateSession(version.Path, sessionOptions), cancellationToken);
                version.Session = new LoadedSession(session);
                version.Signature = version.Session.Signature;
                version.State = ModelState.Ready;
                version.Error = null;
                LogLoaded(logger, version.ModelName, version.VersionText);
            }
            catch (OrtException e)
            {
                version.State = ModelState.Failed;
                version.Error = e.Message;
                LogLoadFailed(logger, version.ModelName, version.VersionText, e.Message);
            }
        }
        finally
        {
            version.Gate.Release();
        }
    }

    public void Dispose()
    {
        foreach (var model in _models.Values)
        {
            foreach (var version in model.Versions)
            {
                version.Session?.Retire();
                version.Session = null;
            }
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Loaded model {Model} version {Version}")]
    private static partial void LogLoaded(ILogger logger, string model, string version);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Failed to load model {Model} version {Version}: {Error}")]
    private static partial void LogLoadFailed(ILogger logger, string model, string version, string error);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Unloaded model {Model} version {Version}")]
    private static partial void LogUnloaded(ILogger logger, string model, string version);
}
