using System.Globalization;
using StackExchange.Redis;

namespace ModelMesh.Registry;

/// <summary>Load claims (invariant 4): see <see cref="RedisScripts.ClaimLoad"/>. Expiry times are the registry clock plus Redis' remaining ttl.</summary>
public sealed partial class RedisMeshRegistry
{
    public async Task<LoadClaim> ClaimLoadAsync(string modelId, string siloId, long epoch, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        var value = Serialize(new RedisClaimValue(siloId, epoch));
        var reply = await MutateAsync(RedisScripts.ClaimLoad, cancellationToken, modelId, siloId, value, Milliseconds(ttl)).ConfigureAwait(false);
        return ToClaim(modelId, reply)!;
    }

    public async Task<LoadClaim?> GetLoadClaimAsync(string modelId, CancellationToken cancellationToken = default)
    {
        var reply = await ScriptAsync(RedisScripts.GetLoadClaim, [_keys.Claim(modelId)], [], cancellationToken).ConfigureAwait(false);
        return ToClaim(modelId, reply);
    }

    public async Task ReleaseLoadClaimAsync(string modelId, string siloId, long epoch, CancellationToken cancellationToken = default) =>
        await MutateAsync(RedisScripts.ReleaseLoadClaim, cancellationToken, modelId, siloId, Serialize(new RedisClaimValue(siloId, epoch))).ConfigureAwait(false);

    /// <summary>{json, remaining ms} → the claim; null for an empty reply or a key that expired meanwhile.</summary>
    private LoadClaim? ToClaim(string modelId, RedisResult reply)
    {
        if (reply.Length < 2)
        {
            return null;
        }

        var value = Deserialize<RedisClaimValue>(reply[0]);
        var remaining = (long)reply[1];
        return new LoadClaim(modelId, value.SiloId, value.Epoch, _time.GetUtcNow() + TimeSpan.FromMilliseconds(Math.Max(0, remaining)));
    }

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
