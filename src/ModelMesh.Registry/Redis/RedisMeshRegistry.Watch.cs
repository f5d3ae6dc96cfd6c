using System.Globalization;
using System.Runtime.CompilerServices;
using StackExchange.Redis;

namespace ModelMesh.Registry;

/// <summary>
/// Snapshot and change stream (invariant 7). The snapshot reads the stream position first and the state
/// after, so a watcher starting there misses nothing (it may see events whose effect the snapshot already
/// holds; consumers apply events idempotently). A watcher reads with <see cref="RedisScripts.ReadEvents"/>, which
/// detects trimmed or lost positions atomically and returns at once (XRANGE, never a blocking read, so it shares
/// the registry's multiplexer with every other command), and between reads waits for a hint on the pub/sub channel
/// (<see cref="RedisChangeHints"/>) or <see cref="RedisRegistryOptions.WatchPollInterval"/>. When a connection to
/// Redis is lost the watch throws <see cref="RegistryUnavailableException"/>: Redis may have restarted without its
/// data, so the consumer must resync from a snapshot.
/// </summary>
public sealed partial class RedisMeshRegistry
{
    private const int ReadBatch = 256;

    public async Task<RegistrySnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default)
    {
        var position = await ScriptAsync(RedisScripts.StreamPosition, [_keys.Events], [], cancellationToken).ConfigureAwait(false);
        var models = ScanHashAsync<ModelRecord>(_keys.Models, cancellationToken);
        var vmodels = ScanHashAsync<VModelRecord>(_keys.VModels, cancellationToken);
        await Task.WhenAll(models, vmodels).ConfigureAwait(false);
        return new RegistrySnapshot(await models, await vmodels, (string?)position ?? "0-0");
    }

    public async IAsyncEnumerable<RegistryEvent> WatchAsync(string position, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var after = NormalizePosition(position) ?? throw Gap(position);
        await using var hints = await SubscribeAsync(cancellationToken).ConfigureAwait(false);
        var batch = new List<RegistryEvent>(ReadBatch);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (hints.ConnectionLost is { } reason)
            {
                throw LostDuringWatch(reason);
            }

            var reply = await ScriptAsync(RedisScripts.ReadEvents, [_keys.Events], [after, ReadBatch], cancellationToken).ConfigureAwait(false);
            if ((long)reply[0] == 1)
            {
                throw Gap(after == NormalizePosition(position) ? position : after);
            }

            batch.Clear();
            var entries = (RedisResult[])reply[1]!;
            foreach (var entry in entries)
            {
                after = (string)entry[0]!;
                if (ToEvent(after, (RedisValue[])entry[1]!) is { } evt)
                {
                    batch.Add(evt);
                }
            }

            foreach (var evt in batch)
            {
                yield return evt;
            }

            if (entries.Length < ReadBatch)
            {
                await hints.WaitAsync(_options.WatchPollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<RedisChangeHints> SubscribeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var connection = await ConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await RedisChangeHints.SubscribeAsync(connection, _keys.Events).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            throw Unavailable("SUBSCRIBE", ex);
        }
    }

    private RegistryStreamGapException Gap(string position)
    {
        LogStreamGap(_logger, position);
        return new RegistryStreamGapException(position);
    }

    /// <summary>"" and "0" → "0-0"; a stream id "ms-seq" as is; anything else is not ours (null).</summary>
    private static string? NormalizePosition(string? position)
    {
        if (string.IsNullOrEmpty(position) || position == "0")
        {
            return "0-0";
        }

        var dash = position.IndexOf('-', StringComparison.Ordinal);
        return dash > 0
            && ulong.TryParse(position.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out _)
            && ulong.TryParse(position.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? position
            : null;
    }

    /// <summary>
    /// Fields k (kind) and key → the event; null for a kind this version does not know (such as the silo, copy and
    /// claim events an older version wrote), so a stream written before an upgrade is still read.
    /// </summary>
    private static RegistryEvent? ToEvent(string id, RedisValue[] fields)
    {
        string? kind = null, key = null;
        for (var i = 0; i + 1 < fields.Length; i += 2)
        {
            switch ((string?)fields[i])
            {
                case "k": kind = fields[i + 1]; break;
                case "key": key = fields[i + 1]; break;
            }
        }

        return Enum.TryParse<RegistryEventKind>(kind, ignoreCase: false, out var parsed) && key is not null
            ? new RegistryEvent(id, parsed, key)
            : null;
    }
}
