using System.Globalization;
using StackExchange.Redis;

namespace ModelMesh.Registry;

/// <summary>Silo leases and copy records; the invariants they keep are described atop <see cref="RedisScripts"/>' silo scripts.</summary>
public sealed partial class RedisMeshRegistry
{
    public async Task<bool> PutSiloAsync(SiloRecord silo, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var reply = await MutateAsync(
            RedisScripts.PutSilo,
            cancellationToken,
            silo.SiloId,
            Serialize(silo),
            Milliseconds(lease),
            silo.Epoch.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        return (long)reply == 1;
    }

    public async Task RemoveSiloAsync(string siloId, long epoch, CancellationToken cancellationToken = default) =>
        await MutateAsync(RedisScripts.RemoveSilo, cancellationToken, siloId, epoch.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);

    public async Task<IReadOnlyList<SiloRecord>> ListSilosAsync(CancellationToken cancellationToken = default)
    {
        var reply = (RedisValue[])(await MutateAsync(RedisScripts.ListSilos, cancellationToken).ConfigureAwait(false))!;
        var silos = new List<SiloRecord>(reply.Length);
        foreach (var item in reply)
        {
            silos.Add(Deserialize<SiloRecord>(item));
        }

        return silos;
    }

    public async Task PutCopyAsync(CopyRecord copy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(copy);
        await MutateAsync(RedisScripts.PutCopy, cancellationToken, copy.ModelId, copy.SiloId, Serialize(copy)).ConfigureAwait(false);
    }

    public async Task RemoveCopyAsync(string modelId, string siloId, long epoch, CancellationToken cancellationToken = default) =>
        await MutateAsync(RedisScripts.RemoveCopy, cancellationToken, modelId, siloId, epoch.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);

    public async Task<IReadOnlyList<CopyRecord>> GetCopiesAsync(string modelId, CancellationToken cancellationToken = default)
    {
        var reply = await RunAsync("HVALS", db => db.HashValuesAsync(_keys.Copies(modelId)), cancellationToken).ConfigureAwait(false);
        var copies = new List<CopyRecord>(reply.Length);
        foreach (var item in reply)
        {
            copies.Add(Deserialize<CopyRecord>(item));
        }

        return copies;
    }

    /// <summary>Every copy record: SCAN for copies:* keys, then HVALS of each, pipelined.</summary>
    private async Task<List<CopyRecord>> AllCopiesAsync(CancellationToken cancellationToken)
    {
        var reads = new List<Task<IReadOnlyList<CopyRecord>>>();
        var prefixLength = _keys.Copies("").Length;
        try
        {
            var connection = await ConnectionAsync(cancellationToken).ConfigureAwait(false);
            var server = connection.GetServer(connection.GetEndPoints()[0]);
            var keys = server.KeysAsync(_endpoint.Database, _keys.CopiesPattern(), pageSize: 1000);
            await foreach (var key in keys.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                reads.Add(GetCopiesAsync(((string)key!)[prefixLength..], cancellationToken));
            }
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            throw Unavailable("SCAN", ex);
        }
        finally
        {
            await ((Task)Task.WhenAll(reads)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing); // none left unobserved
        }

        var copies = new List<CopyRecord>();
        foreach (var batch in await Task.WhenAll(reads).ConfigureAwait(false))
        {
            copies.AddRange(batch);
        }

        return copies;
    }
}
