using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace ModelMesh.Registry;

/// <summary>
/// The cluster registry on Redis (docs/architecture.md, Registry). Schema under <see cref="RedisRegistryOptions.KeyPrefix"/>:
/// <c>models</c> and <c>vmodels</c> HASH id → JSON and the <c>events</c> STREAM (XADD MAXLEN ~), plus a pub/sub
/// channel of the same name carrying wake-up hints. Nothing else: silo membership, copy locations and load
/// coordination are Orleans' (docs/architecture.md). Every mutation is one Lua script (<see cref="RedisScripts"/>) that checks,
/// writes and appends its event atomically. Redis is reached through one StackExchange.Redis multiplexer per
/// registry (<see cref="RedisConnectionFactory"/>), connected on first use; any failure to reach Redis surfaces as
/// <see cref="RegistryUnavailableException"/> and the multiplexer reconnects by itself. Models and vmodels are
/// here; the snapshot and the stream in the other parts.
/// </summary>
public sealed partial class RedisMeshRegistry : IMeshRegistry
{
    private readonly RedisRegistryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RedisEndpoint _endpoint;
    private readonly string _endpointText;
    private readonly RedisTls? _tls;
    private readonly ConfigurationOptions _configuration;
    private readonly RedisKeys _keys;
    private readonly RedisValue _maxEvents;

    /// <exception cref="ArgumentException">A bad URL, or a TLS file that cannot be read (see <see cref="RedisEndpoint.Parse"/>).</exception>
    public RedisMeshRegistry(RedisRegistryOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxEvents, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WatchPollInterval, TimeSpan.FromMilliseconds(1));
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<RedisMeshRegistry>();
        _endpoint = RedisEndpoint.Parse(options.Connection);
        _endpointText = _endpoint.ToString();
        _tls = RedisTls.Create(_endpoint, options.Client);
        _configuration = RedisConnectionFactory.Create(_endpoint, options.Client, _tls);
        _keys = new RedisKeys(options.KeyPrefix);
        _maxEvents = options.MaxEvents.ToString(CultureInfo.InvariantCulture);
        LogCreated(_logger, _endpointText, options.KeyPrefix, options.MaxEvents, options.Client.CommandTimeout.TotalMilliseconds);
    }

    public async Task PingAsync(CancellationToken cancellationToken = default) =>
        await RunAsync("PING", db => db.PingAsync(), cancellationToken).ConfigureAwait(false);

    public async Task<RegisterResult> RegisterModelAsync(ModelRecord model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var record = model.RegisteredAt == default ? model with { RegisteredAt = _time.GetUtcNow() } : model;
        var reply = await MutateAsync(RedisScripts.RegisterModel, cancellationToken, record.ModelId, Serialize(record)).ConfigureAwait(false);
        var stored = Deserialize<ModelRecord>(reply[1]);
        var outcome = (long)reply[0] == 1 ? RegisterOutcome.Created
            : stored.SameAttributes(model) ? RegisterOutcome.Unchanged
            : RegisterOutcome.Conflict;
        return new RegisterResult(outcome, stored);
    }

    public async Task<bool> UnregisterModelAsync(string modelId, CancellationToken cancellationToken = default) =>
        (long)await MutateAsync(RedisScripts.UnregisterModel, cancellationToken, modelId).ConfigureAwait(false) == 1;

    public async Task<ModelRecord?> GetModelAsync(string modelId, CancellationToken cancellationToken = default)
    {
        var reply = await RunAsync("HGET", db => db.HashGetAsync(_keys.Models, modelId), cancellationToken).ConfigureAwait(false);
        return reply.IsNull ? null : Deserialize<ModelRecord>(reply);
    }

    public async Task<IReadOnlyList<ModelRecord>> ListModelsAsync(CancellationToken cancellationToken = default) =>
        await ScanHashAsync<ModelRecord>(_keys.Models, cancellationToken).ConfigureAwait(false);

    public async Task<bool> SetVModelAsync(VModelRecord vmodel, string? expectedTargetModelId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vmodel);
        var reply = await MutateAsync(
            RedisScripts.SetVModel,
            cancellationToken,
            vmodel.VModelId,
            Serialize(vmodel),
            expectedTargetModelId is null ? "0" : "1",
            expectedTargetModelId ?? "").ConfigureAwait(false);
        return (long)reply == 1;
    }

    public async Task<bool> DeleteVModelAsync(string vmodelId, CancellationToken cancellationToken = default) =>
        (long)await MutateAsync(RedisScripts.DeleteVModel, cancellationToken, vmodelId).ConfigureAwait(false) == 1;

    public async Task<VModelRecord?> GetVModelAsync(string vmodelId, CancellationToken cancellationToken = default)
    {
        var reply = await RunAsync("HGET", db => db.HashGetAsync(_keys.VModels, vmodelId), cancellationToken).ConfigureAwait(false);
        return reply.IsNull ? null : Deserialize<VModelRecord>(reply);
    }

    public async Task<IReadOnlyList<VModelRecord>> ListVModelsAsync(CancellationToken cancellationToken = default) =>
        await ScanHashAsync<VModelRecord>(_keys.VModels, cancellationToken).ConfigureAwait(false);

    private static string Serialize<T>(T value) =>
        JsonSerializer.Serialize(value, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)RegistryJsonContext.Default.GetTypeInfo(typeof(T))!);

    private static T Deserialize<T>(RedisResult value) => Deserialize<T>((RedisValue)value);

    private static T Deserialize<T>(RedisValue value) =>
        JsonSerializer.Deserialize(((ReadOnlyMemory<byte>)value).Span, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)RegistryJsonContext.Default.GetTypeInfo(typeof(T))!)
        ?? throw new JsonException($"null {typeof(T).Name} in the registry");
}
