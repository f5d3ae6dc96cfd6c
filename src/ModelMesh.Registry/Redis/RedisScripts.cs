namespace ModelMesh.Registry;

/// <summary>
/// The registry's compare-and-set operations as Lua scripts: each checks and writes atomically and appends
/// its change event (XADD MAXLEN ~) in the same script, so no event is lost or reordered relative to its
/// state (invariant 7), and publishes the new event id on the channel named like the stream (a wake-up hint
/// for watchers, see <see cref="RedisChangeHints"/>). Every mutating script takes KEYS[1] = the event stream,
/// ARGV[1] = its approximate length, ARGV[2] = the key prefix, and its own arguments from ARGV[3]. The scripts
/// build the other key names from the prefix, so they need a standalone Redis (not Redis Cluster). They run through
/// StackExchange.Redis' ScriptEvaluateAsync with their text: EVALSHA once the server has the script, and after a
/// NOSCRIPT (a restarted Redis lost its script cache, or SCRIPT FLUSH) it loads the text again and retries.
/// </summary>
internal static partial class RedisScripts
{
    /// <summary>The helper shared by the mutating scripts: emit an event (and its hint).</summary>
    private const string Prelude = """
        local events, maxlen, prefix = KEYS[1], ARGV[1], ARGV[2]
        local function emit(kind, key)
          local id = redis.call('XADD', events, 'MAXLEN', '~', maxlen, '*', 'k', kind, 'key', key)
          redis.call('PUBLISH', events, id)
        end

        """;

    private static string Mutation(string body) => Prelude + body;
}
