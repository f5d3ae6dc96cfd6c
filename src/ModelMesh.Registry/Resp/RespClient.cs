using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ModelMesh.Registry.Resp;

/// <summary>
/// Our Redis client: one multiplexed, pipelined <see cref="RespConnection"/> shared by all callers, replaced
/// when it breaks. A command waits at most its timeout for a reply (<see cref="RespTimeoutException"/>);
/// commands in flight when the connection breaks fail with <see cref="RespConnectionException"/>, and a
/// background loop reconnects with exponential backoff (<see cref="RespClientOptions.ReconnectMinDelay"/> to
/// <see cref="RespClientOptions.ReconnectMaxDelay"/>). While it waits between attempts commands fail fast;
/// during an attempt they wait for it. Blocking commands (XREAD BLOCK) belong on a client of their own.
/// </summary>
public sealed partial class RespClient : IAsyncDisposable
{
    private readonly RespClientOptions _options;
    private readonly RespTls? _tls;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _endpointText;
    private readonly Lock _gate = new();
    private readonly ConcurrentQueue<RespPendingCommand> _pending = new();
    private readonly CancellationTokenSource _disposed = new();
    private readonly ITimer _sweeper;
    private RespConnection? _connection;
    private Task<RespConnection>? _attempt;
    private bool _reconnecting;

    /// <exception cref="ArgumentException">A TLS file of the endpoint or the options cannot be read, or is set for a redis:// endpoint.</exception>
    public RespClient(RespEndpoint endpoint, RespClientOptions? options = null, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        Endpoint = endpoint;
        _endpointText = endpoint.ToString();
        _options = options ?? new RespClientOptions();
        _tls = RespTls.Create(endpoint, _options);
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(_options.CommandTimeout.TotalMilliseconds / 5, 10, 250));
        _sweeper = _time.CreateTimer(_ => SweepTimeouts(), null, tick, tick);
    }

    public RespEndpoint Endpoint { get; }

    /// <summary>Whether a live connection is open now.</summary>
    public bool IsConnected => _connection is { IsAlive: true };

    /// <summary>Sends one command and returns its reply; an error reply throws <see cref="RespErrorException"/>.</summary>
    public Task<RespValue> ExecuteAsync(params string[] args) => ExecuteAsync(args, null, CancellationToken.None);

    /// <summary>
    /// Sends one command and returns its reply. <paramref name="timeout"/> overrides the command timeout
    /// (a blocking command passes its block time plus a margin).
    /// </summary>
    public async Task<RespValue> ExecuteAsync(string[] args, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var reply = await SendAsync(args, timeout ?? _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        return reply.Type == RespType.Error ? throw new RespErrorException(reply.AsString() ?? "") : reply;
    }

    /// <summary>
    /// Runs a Lua script by EVALSHA with its locally computed SHA1; on NOSCRIPT (a restarted server, SCRIPT
    /// FLUSH) it runs EVAL, which also caches the script for the next EVALSHA.
    /// </summary>
    public async Task<RespValue> ScriptAsync(RespScript script, IReadOnlyList<string> keys, IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        try
        {
            return await ExecuteAsync(ScriptCommand("EVALSHA", script.Sha1, keys, args), null, cancellationToken).ConfigureAwait(false);
        }
        catch (RespErrorException ex) when (ex.Prefix == "NOSCRIPT")
        {
            LogScriptReloaded(_logger, script.Sha1);
            return await ExecuteAsync(ScriptCommand("EVAL", script.Text, keys, args), null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Connects now (or waits for the current attempt) and sends PING; throws when the server cannot be reached.</summary>
    public async Task PingAsync(CancellationToken cancellationToken = default) =>
        await ExecuteAsync(["PING"], null, cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        await _sweeper.DisposeAsync().ConfigureAwait(false);
        RespConnection? connection;
        lock (_gate)
        {
            connection = _connection;
            _connection = null;
        }

        connection?.Abort(new RespConnectionException("client disposed"));
    }

    private static string[] ScriptCommand(string verb, string body, IReadOnlyList<string> keys, IReadOnlyList<string> args)
    {
        var command = new string[3 + keys.Count + args.Count];
        command[0] = verb;
        command[1] = body;
        command[2] = keys.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < keys.Count; i++)
        {
            command[3 + i] = keys[i];
        }

        for (var i = 0; i < args.Count; i++)
        {
            command[3 + keys.Count + i] = args[i];
        }

        return command;
    }
}
