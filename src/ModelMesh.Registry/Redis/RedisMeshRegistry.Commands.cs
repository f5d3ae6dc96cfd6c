using System.Globalization;
using ModelMesh.Registry.Resp;

namespace ModelMesh.Registry;

/// <summary>How the registry talks to Redis: every failure of the client becomes <see cref="RegistryUnavailableException"/>.</summary>
public sealed partial class RedisMeshRegistry
{
    private async Task<RespValue> CommandAsync(string[] args, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.ExecuteAsync(args, null, cancellationToken).ConfigureAwait(false);
        }
        catch (RespException ex)
        {
            throw Unavailable(args[0], ex);
        }
    }

    /// <summary>Runs a mutating script: KEYS[1] = events, ARGV[1] = max events, ARGV[2] = prefix, then <paramref name="args"/>.</summary>
    private Task<RespValue> MutateAsync(RespScript script, CancellationToken cancellationToken, params string[] args)
    {
        var argv = new string[2 + args.Length];
        argv[0] = _maxEvents;
        argv[1] = _keys.Prefix;
        args.CopyTo(argv, 2);
        return ScriptAsync(script, [_keys.Events], argv, cancellationToken);
    }

    private async Task<RespValue> ScriptAsync(RespScript script, string[] keys, string[] args, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.ScriptAsync(script, keys, args, cancellationToken).ConfigureAwait(false);
        }
        catch (RespException ex)
        {
            throw Unavailable("script", ex);
        }
    }

    /// <summary>Reads a whole hash with HSCAN (no single huge reply, no long block of the server).</summary>
    private async Task<List<T>> ScanHashAsync<T>(string key, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        var cursor = "0";
        do
        {
            var reply = await CommandAsync(["HSCAN", key, cursor, "COUNT", "1000"], cancellationToken).ConfigureAwait(false);
            cursor = reply.Items[0].AsString() ?? "0";
            var fields = reply.Items[1].Items;
            for (var i = 1; i < fields.Count; i += 2)
            {
                items.Add(Deserialize<T>(fields[i]));
            }
        }
        while (cursor != "0");

        return items;
    }

    private RegistryUnavailableException Unavailable(string operation, RespException ex)
    {
        LogUnavailable(_logger, operation, ex.Message);
        return new RegistryUnavailableException($"registry at {_endpoint} failed ({operation}): {ex.Message}", ex);
    }

    private static string Milliseconds(TimeSpan span) =>
        Math.Max(1, (long)Math.Ceiling(span.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
}
