namespace ModelMesh.Registry;

/// <summary>
/// Reading the change stream without missing anything (invariant 7). A watcher at position P gets the
/// entries after P only if none after P was removed. MAXLEN ~ trims from the front and Redis 7.0 does not
/// record trimmed ids (max-deleted-entry-id covers XDEL only), so: once anything has been trimmed
/// (entries-added above length), a P before the first retained entry is a gap; P at or beyond that entry is
/// safe. This errs on the safe side for a watcher exactly at the trim edge (it resyncs needlessly). P beyond
/// last-generated-id means the stream was lost and recreated: a gap too, as is a missing stream for any
/// position but the beginning. Otherwise the reply is a gap flag of 0 and the entries after P (XRANGE with
/// an exclusive start).
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
          local last, deleted, first, added, length = '0-0', '0-0', nil, 0, 0
          for i = 1, #fields, 2 do
            local name, value = fields[i], fields[i + 1]
            if name == 'last-generated-id' then last = value
            elseif name == 'max-deleted-entry-id' then deleted = value
            elseif name == 'entries-added' then added = value
            elseif name == 'length' then length = value
            elseif name == 'first-entry' and value then first = value[1] end
          end
          return last, deleted, first, added > length
        end

        """;

    /// <summary>KEYS[1] stream, ARGV[1] position (ms-seq), ARGV[2] count → {gap 0|1, entries}.</summary>
    public static readonly string ReadEvents = StreamInfo + """
        local position = ARGV[1]
        if redis.call('EXISTS', KEYS[1]) == 0 then
          if position == '0-0' then return {0, {}} end
          return {1, {}}
        end
        local last, deleted, first, trimmed = info(KEYS[1])
        if less(position, deleted) or less(last, position) then return {1, {}} end
        if trimmed and (first == nil or less(position, first)) then return {1, {}} end
        return {0, redis.call('XRANGE', KEYS[1], '(' .. position, '+', 'COUNT', ARGV[2])}
        """;

    /// <summary>KEYS[1] stream → the id of the last event ever added ('0-0' when none).</summary>
    public static readonly string StreamPosition = StreamInfo + """
        if redis.call('EXISTS', KEYS[1]) == 0 then return '0-0' end
        local last = info(KEYS[1])
        return last
        """;
}
