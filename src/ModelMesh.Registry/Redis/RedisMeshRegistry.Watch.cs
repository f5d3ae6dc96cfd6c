using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using ModelMesh.Registry.Resp;

namespace ModelMesh.Registry;

/// <summary>
/// Snapshot and change stream (invariant 7). The snapshot reads the stream position first and the state
/// after, so a watcher starting there misses nothing (it may see events whose effect the snapshot already
/// holds; consumers apply events idempotently). A watcher polls <see cref="RedisScripts.ReadEvents"/>,
/// which detects trimmed or lost positions atomically, and waits for new entries with XREAD BLOCK on a
/// connection of its own. When that connection breaks the watch throws <see cref="RegistryUnavailableException"/>:
/// Redis may have restarted without its data, so the consumer must resync from a snapshot.
/// </summary>
public sealed partial class RedisMeshRegistry
{
    private const int ReadBatch = 256;

    public async Task<RegistrySnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default)
    {
        var position = await ScriptAsync(RedisScripts.StreamPosition, [_keys.Events], [], cancellationToken).ConfigureAwait(false);
        var models = ScanHashAsync<ModelRecord>(_keys.Models, cancellationToken);
        var vmodels = ScanHashAsync<VModelRecord>(_keys.VModels, cancellationToken);
        var silos = ListSilosAsync(cancellationToken);
        var copies = AllCopiesAsync(cancellationToken);
        await Task.WhenAll(models, vmodels, silos, copies).ConfigureAwait(false);
        return new RegistrySnapshot(await models, await vmodels, await silos, await copies, position.AsString() ?? "0-0");
    }

    public async IAsyncEnumerable<RegistryEvent> WatchAsync(string position, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var after = NormalizePosition(position) ?? throw Gap(position);
        var blockTimeout = _options.WatchBlockTime + _options.Client.CommandTimeout;
        var block = Milliseconds(_options.WatchBlockTime);
        await using var blocking = new RespClient(_endpoint, _options.Client, _time, _loggerFactory.CreateLogger<RespClient>());
        var batch = new List<RegistryEvent>(ReadBatch);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var reply = await ScriptAsync(RedisScripts.ReadEvents, [_keys.Events], [after, Format(ReadBatch)], cancellationToken).ConfigureAwait(false);
            if (reply.Items[0].Integer == 1)
            {
                throw Gap(after == NormalizePosition(position) ? position : after);
            }

            batch.Clear();
            foreach (var entry in reply.Items[1].Items)
            {
                after = entry.Items[0].AsString()!;
                if (ToEvent(after, entry.Items[1].Items) is { } evt)
                {
                    batch.Add(evt);
                }
            }

            foreach (var evt in batch)
            {
                yield return evt;
            }

            if (reply.Items[1].Items.Count == 0)
            {
                await WaitForEntriesAsync(blocking, block, after, blockTimeout, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task WaitForEntriesAsync(RespClient blocking, string block, string after, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await blocking.ExecuteAsync(["XREAD", "COUNT", "1", "BLOCK", block, "STREAMS", _keys.Events, after], timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (RespException ex)
        {
            throw Unavailable("XREAD", ex);
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

    /// <summary>Fields k (kind), key and s (silo) → the event; null for a kind this version does not know.</summary>
    private static RegistryEvent? ToEvent(string id, IReadOnlyList<RespValue> fields)
    {
        string? kind = null, key = null, silo = null;
        for (var i = 0; i + 1 < fields.Count; i += 2)
        {
            switch (fields[i].AsString())
            {
                case "k": kind = fields[i + 1].AsString(); break;
                case "key": key = fields[i + 1].AsString(); break;
                case "s": silo = fields[i + 1].AsString(); break;
            }
        }

        return Enum.TryParse<RegistryEventKind>(kind, ignoreCase: false, out var parsed) && key is not null
            ? new RegistryEvent(id, parsed, key, silo)
            : null;
    }
}
