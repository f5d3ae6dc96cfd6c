namespace ModelMesh.Registry;

/// <summary>Models and vmodels. Register never overwrites: the caller compares the stored record (Unchanged or Conflict).</summary>
internal static partial class RedisScripts
{
    /// <summary>ARGV[3] id, ARGV[4] json → {1, json} when created, {0, stored json} when already there.</summary>
    public static readonly string RegisterModel = Mutation("""
        local models = prefix .. 'models'
        local stored = redis.call('HGET', models, ARGV[3])
        if stored then return {0, stored} end
        redis.call('HSET', models, ARGV[3], ARGV[4])
        emit('ModelRegistered', ARGV[3])
        return {1, ARGV[4]}
        """);

    /// <summary>ARGV[3] id → 1 when removed.</summary>
    public static readonly string UnregisterModel = Mutation("""
        if redis.call('HDEL', prefix .. 'models', ARGV[3]) == 0 then return 0 end
        emit('ModelUnregistered', ARGV[3])
        return 1
        """);

    /// <summary>ARGV[3] id, ARGV[4] json, ARGV[5] '1' to compare, ARGV[6] expected target → 1 when written.</summary>
    public static readonly string SetVModel = Mutation("""
        local vmodels = prefix .. 'vmodels'
        if ARGV[5] == '1' then
          local current = redis.call('HGET', vmodels, ARGV[3])
          if not current or cjson.decode(current).targetModelId ~= ARGV[6] then return 0 end
        end
        redis.call('HSET', vmodels, ARGV[3], ARGV[4])
        emit('VModelChanged', ARGV[3])
        return 1
        """);

    /// <summary>ARGV[3] id → 1 when removed.</summary>
    public static readonly string DeleteVModel = Mutation("""
        if redis.call('HDEL', prefix .. 'vmodels', ARGV[3]) == 0 then return 0 end
        emit('VModelDeleted', ARGV[3])
        return 1
        """);
}
