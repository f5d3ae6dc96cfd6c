using Microsoft.Extensions.Logging;
using ModelMesh.Orleans.Cache;

namespace ModelMesh.Orleans.Copies;

/// <summary>Deactivates copies held by this silo's <see cref="SiloCopyCache"/> (spare ageing, unload of a model).</summary>
public sealed partial class CopyControlService : GrainService, ICopyControlService
{
    private readonly SiloCopyCache _cache;
    private readonly ILogger<CopyControlService> _logger;

    public CopyControlService(GrainId grainId, global::Orleans.Runtime.Silo silo, ILoggerFactory loggerFactory, SiloCopyCache cache)
        : base(grainId, silo, loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _cache = cache;
        _logger = loggerFactory.CreateLogger<CopyControlService>();
    }

    public Task<int> DeactivateAsync(string modelId, int copy)
    {
        var count = 0;
        foreach (var entry in _cache.Copies())
        {
            if (entry.ModelId == modelId && (copy < 0 || entry.Key.Copy == copy) && entry.Grain is { } grain)
            {
                LogDeactivating(_logger, entry.KeyText);
                grain.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "copy retired by its model's copy count"));
                count++;
            }
        }

        return Task.FromResult(count);
    }

    [LoggerMessage(EventId = 4040, Level = LogLevel.Information, Message = "Deactivating copy {CopyKey} (spare aged out or model unloaded)")]
    private static partial void LogDeactivating(ILogger logger, string copyKey);
}
