using ModelMesh.Registry.Resp;

namespace ModelMesh.Registry;

/// <summary>
/// Reading the change stream without missing anything (invariant 7). A watcher at position P gets the
/// entries after P only if none after P was trimmed: XINFO's max-deleted-entry-id must not exceed P (MAXLEN ~
/// trims from the front, so deleted ids are a prefix), and P must not lie beyond last-generated-id (a stream
/// that was lost and recreated). A missing stream is a gap for any position but the beginning. Otherwise
/// the reply is a gap flag of 0 and the entries after P (XRANGE with an exclusive start).
/// </summary>
internal static partial class RedisScripts
{
    private const string StreamInfo = """
        local function parse(id)
          local ms, seq = string.match(id, '^(%d+)-(%d+)$')
          return tonumber(ms), tonumber(seq)
        end
        local function less(a, b)
          local am, as = parse(a)
          local bm, bs = parse(b)
          return am < bm or (am == bm and as < bs)
        end
        local function info(stream)
          local fields = redis.call('XINFO', 'STREAM', stream)
          local last, deleted = '0-0', '0-0'
          for i = 1, #fields, 2 do
            if fields[i] == 'last-generated-id' then last = fields[i + 1]
            elseif fields[i] == 'max-deleted-entry-id' then deleted = fields[i + 1] end
          end
          return last, deleted
        end

        """;

    /// <summary>KEYS[1] stream, ARGV[1] position (ms-seq), ARGV[2] count → {gap 0|1, entries}.</summary>
    public static readonly RespScript ReadEvents = new(StreamInfo + """
        local position = ARGV[1]
        if redis.call('EXISTS', KEYS[1]) == 0 then
          if position == '0-0' then return {0, {}} end
          return {1, {}}
        end
        local last, deleted = info(KEYS[1])
        if less(position, deleted) or less(last, position) then return {1, {}} end
        return {0, redis.call('XRANGE', KEYS[1], '(' .. position, '+', 'COUNT', ARGV[2])}
        """);

    /// <summary>KEYS[1] stream → the id of the last event ever added ('0-0' when none).</summary>
    public static readonly RespScript StreamPosition = new(StreamInfo + """
        if redis.call('EXISTS', KEYS[1]) == 0 then return '0-0' end
        local last = info(KEYS[1])
        return last
        """);
}
