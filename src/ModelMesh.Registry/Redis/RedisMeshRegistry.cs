using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelMesh.Registry.Resp;

namespace ModelMesh.Registry;

/// <summary>
/// The cluster registry on Redis (DESIGN.md §5). Schema under <see cref="RedisRegistryOptions.KeyPrefix"/>:
/// <c>models</c> and <c>vmodels</c> HASH id → JSON; <c>silo:{id}</c> STRING JSON with a PX lease plus the
/// <c>silos</c> SET of ids; <c>copies:{model}</c> HASH silo → JSON plus the <c>silocopies:{silo}</c> SET of
/// models; <c>loading:{model}</c> claim with PX; <c>events</c> STREAM (XADD MAXLEN ~). Every mutation is one
/// Lua script (<see cref="RedisScripts"/>) that checks, writes and appends its event atomically. Any failure
/// to reach Redis surfaces as <see cref="RegistryUnavailableException"/>; the client reconnects by itself.
/// Models and vmodels are here; silos, copies, claims and the stream in the other parts.
/// </summary>
public sealed partial class RedisMeshRegistry : IMeshRegistry
{
    private readonly RedisRegistryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly RespEndpoint _endpoint;
    private readonly RespClient _client;
    private readonly RedisKeys _keys;
    private readonly string _maxEvents;

    public RedisMeshRegistry(RedisRegistryOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxEvents, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WatchBlockTime, TimeSpan.FromMilliseconds(1));
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<RedisMeshRegistry>();
        _endpoint = RespEndpoint.Parse(options.Connection);
        _client = new RespClient(_endpoint, options.Client, _time, _loggerFactory.CreateLogger<RespClient>());
        _keys = new RedisKeys(options.KeyPrefix);
        _maxEvents = options.MaxEvents.ToString(CultureInfo.InvariantCulture);
        var endpointText = _endpoint.ToString();
        LogCreated(_logger, endpointText, options.KeyPrefix, options.MaxEvents, options.Client.CommandTimeout.TotalMilliseconds);
    }

    public async Task PingAsync(CancellationToken cancellationToken = default) =>
        await CommandAsync(["PING"], cancellationToken).ConfigureAwait(false);

    public async Task<RegisterResult> RegisterModelAsync(ModelRecord model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var record = model.RegisteredAt == default ? model with { RegisteredAt = _time.GetUtcNow() } : model;
        var reply = await MutateAsync(RedisScripts.RegisterModel, cancellationToken, record.ModelId, Serialize(record)).ConfigureAwait(false);
        var stored = Deserialize<ModelRecord>(reply.Items[1]);
        var outcome = reply.Items[0].Integer == 1 ? RegisterOutcome.Created
            : stored.SameAttributes(model) ? RegisterOutcome.Unchanged
            : RegisterOutcome.Conflict;
        return new RegisterResult(outcome, stored);
    }

    public async Task<bool> UnregisterModelAsync(string modelId, CancellationToken cancellationToken = default) =>
        (await MutateAsync(RedisScripts.UnregisterModel, cancellationToken, modelId).ConfigureAwait(false)).Integer == 1;

    public async Task<ModelRecord?> GetModelAsync(string modelId, CancellationToken cancellationToken = default)
    {
        var reply = await CommandAsync(["HGET", _keys.Models, modelId], cancellationToken).ConfigureAwait(false);
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
        return reply.Integer == 1;
    }

    public async Task<bool> DeleteVModelAsync(string vmodelId, CancellationToken cancellationToken = default) =>
        (await MutateAsync(RedisScripts.DeleteVModel, cancellationToken, vmodelId).ConfigureAwait(false)).Integer == 1;

    public async Task<VModelRecord?> GetVModelAsync(string vmodelId, CancellationToken cancellationToken = default)
    {
        var reply = await CommandAsync(["HGET", _keys.VModels, vmodelId], cancellationToken).ConfigureAwait(false);
        return reply.IsNull ? null : Deserialize<VModelRecord>(reply);
    }

    public async Task<IReadOnlyList<VModelRecord>> ListVModelsAsync(CancellationToken cancellationToken = default) =>
        await ScanHashAsync<VModelRecord>(_keys.VModels, cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync() => await _client.DisposeAsync().ConfigureAwait(false);

    private static string Serialize<T>(T value) =>
        JsonSerializer.Serialize(value, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)RegistryJsonContext.Default.GetTypeInfo(typeof(T))!);

    private static T Deserialize<T>(RespValue value) =>
        JsonSerializer.Deserialize(value.Bytes.Span, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)RegistryJsonContext.Default.GetTypeInfo(typeof(T))!)
        ?? throw new JsonException($"null {typeof(T).Name} in the registry");
}
