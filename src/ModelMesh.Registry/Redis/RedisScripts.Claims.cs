namespace ModelMesh.Registry;

/// <summary>
/// Load claims (invariant 4): <c>loading:{model}</c> holds {siloId, epoch} with PX ttl, so a crashed
/// loader's claim disappears by itself. The first claimant wins; later ones get the claim in force and its
/// remaining ttl. Only the holder (same silo and epoch, compared as the exact stored JSON) may release it.
/// </summary>
internal static partial class RedisScripts
{
    /// <summary>ARGV[3] model, ARGV[4] silo, ARGV[5] claim json, ARGV[6] ttl ms → {claim json in force, remaining ms}.</summary>
    public static readonly string ClaimLoad = Mutation("""
        local key = prefix .. 'loading:' .. ARGV[3]
        local current = redis.call('GET', key)
        if current then return {current, redis.call('PTTL', key)} end
        redis.call('SET', key, ARGV[5], 'PX', ARGV[6])
        emit('ClaimChanged', ARGV[3], ARGV[4])
        return {ARGV[5], tonumber(ARGV[6])}
        """);

    /// <summary>ARGV[3] model, ARGV[4] silo, ARGV[5] the holder's claim json → 1 when released.</summary>
    public static readonly string ReleaseLoadClaim = Mutation("""
        local key = prefix .. 'loading:' .. ARGV[3]
        if redis.call('GET', key) ~= ARGV[5] then return 0 end
        redis.call('DEL', key)
        emit('ClaimChanged', ARGV[3], ARGV[4])
        return 1
        """);

    /// <summary>KEYS[1] the claim key → {json, remaining ms} or an empty array.</summary>
    public static readonly string GetLoadClaim = """
        local current = redis.call('GET', KEYS[1])
        if not current then return {} end
        return {current, redis.call('PTTL', KEYS[1])}
        """;
}
