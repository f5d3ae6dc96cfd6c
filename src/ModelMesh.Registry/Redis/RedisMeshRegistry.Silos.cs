using System.Globalization;

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
        return reply.Integer == 1;
    }

    public async Task RemoveSiloAsync(string siloId, long epoch, CancellationToken cancellationToken = default) =>
        await MutateAsync(RedisScripts.RemoveSilo, cancellationToken, siloId, epoch.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);

    public async Task<IReadOnlyList<SiloRecord>> ListSilosAsync(CancellationToken cancellationToken = default)
    {
        var reply = await MutateAsync(RedisScripts.ListSilos, cancellationToken).ConfigureAwait(false);
        var silos = new List<SiloRecord>(reply.Items.Count);
        foreach (var item in reply.Items)
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
        var reply = await CommandAsync(["HVALS", _keys.Copies(modelId)], cancellationToken).ConfigureAwait(false);
        var copies = new List<CopyRecord>(reply.Items.Count);
        foreach (var item in reply.Items)
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
        var cursor = "0";
        do
        {
            var reply = await CommandAsync(["SCAN", cursor, "MATCH", _keys.CopiesPattern(), "COUNT", "1000"], cancellationToken).ConfigureAwait(false);
            cursor = reply.Items[0].AsString() ?? "0";
            foreach (var key in reply.Items[1].Items)
            {
                reads.Add(GetCopiesAsync(key.AsString()![prefixLength..], cancellationToken));
            }
        }
        while (cursor != "0");

        var copies = new List<CopyRecord>();
        foreach (var batch in await Task.WhenAll(reads).ConfigureAwait(false))
        {
            copies.AddRange(batch);
        }

        return copies;
    }
}
