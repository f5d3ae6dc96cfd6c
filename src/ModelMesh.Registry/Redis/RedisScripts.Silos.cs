namespace ModelMesh.Registry;

/// <summary>
/// Silo leases and copies (invariants 1-3). A lease is <c>silo:{id}</c> with PX; <c>silos</c> lists ids for
/// enumeration and <c>silocopies:{silo}</c> indexes the models a silo has copy records of, so removing a
/// silo touches only its own copies. Listing silos prunes ids whose lease expired, deletes their copy
/// records (no live lease of any epoch: none is real) and emits SiloRemoved, so routers learn of a silent
/// death; the silo itself, if alive, gets false from its next PutSilo and republishes what it holds.
/// </summary>
internal static partial class RedisScripts
{
    /// <summary>ARGV[3] id, ARGV[4] json, ARGV[5] lease ms, ARGV[6] epoch → 1 for a refresh of a live same-epoch lease.</summary>
    public static readonly string PutSilo = Mutation("""
        local key = prefix .. 'silo:' .. ARGV[3]
        local current = redis.call('GET', key)
        local refreshed = 0
        if current and epoch_of(current) == ARGV[6] then refreshed = 1 end
        redis.call('SET', key, ARGV[4], 'PX', ARGV[5])
        redis.call('SADD', prefix .. 'silos', ARGV[3])
        emit('SiloChanged', ARGV[3])
        return refreshed
        """);

    /// <summary>ARGV[3] id, ARGV[4] epoch: drops the lease if its epoch matches (or it expired) and the copies of that epoch.</summary>
    public static readonly string RemoveSilo = Mutation("""
        local key = prefix .. 'silo:' .. ARGV[3]
        local current = redis.call('GET', key)
        if current then
          if epoch_of(current) == ARGV[4] then
            redis.call('DEL', key)
            redis.call('SREM', prefix .. 'silos', ARGV[3])
            emit('SiloRemoved', ARGV[3])
          end
        elseif redis.call('SREM', prefix .. 'silos', ARGV[3]) == 1 then
          emit('SiloRemoved', ARGV[3])
        end
        remove_copies(ARGV[3], ARGV[4])
        return 1
        """);

    /// <summary>No own arguments → the JSON of every live silo; expired ones are pruned as described above.</summary>
    public static readonly string ListSilos = Mutation("""
        local live = {}
        for _, id in ipairs(redis.call('SMEMBERS', prefix .. 'silos')) do
          local record = redis.call('GET', prefix .. 'silo:' .. id)
          if record then
            table.insert(live, record)
          else
            redis.call('SREM', prefix .. 'silos', id)
            emit('SiloRemoved', id)
            remove_copies(id, nil)
          end
        end
        return live
        """);

    /// <summary>ARGV[3] model, ARGV[4] silo, ARGV[5] json.</summary>
    public static readonly string PutCopy = Mutation("""
        redis.call('HSET', prefix .. 'copies:' .. ARGV[3], ARGV[4], ARGV[5])
        redis.call('SADD', prefix .. 'silocopies:' .. ARGV[4], ARGV[3])
        emit('CopyChanged', ARGV[3], ARGV[4])
        return 1
        """);

    /// <summary>ARGV[3] model, ARGV[4] silo, ARGV[5] epoch → 1 when the record of that epoch was removed.</summary>
    public static readonly string RemoveCopy = Mutation("""
        local key = prefix .. 'copies:' .. ARGV[3]
        local copy = redis.call('HGET', key, ARGV[4])
        if not copy or epoch_of(copy) ~= ARGV[5] then return 0 end
        redis.call('HDEL', key, ARGV[4])
        redis.call('SREM', prefix .. 'silocopies:' .. ARGV[4], ARGV[3])
        emit('CopyRemoved', ARGV[3], ARGV[4])
        return 1
        """);
}
