using StackExchange.Redis;

namespace ModelMesh.Registry;

/// <summary>
/// The StackExchange.Redis settings of one registry: the endpoint, credentials and database of the URL, TLS from
/// <see cref="RedisTls"/> (our CA bundle and client certificate through <c>SslClientAuthenticationOptions</c>), and
/// failure behaviour the registry's callers expect: commands fail at once while no connection is up
/// (<see cref="BacklogPolicy.FailFast"/>) instead of queueing, so a front door serves from its last view rather than
/// waiting; the first connect does not abort (the multiplexer keeps reconnecting in the background, with exponential
/// backoff between <see cref="RedisClientOptions.ReconnectMinDelay"/> and <see cref="RedisClientOptions.ReconnectMaxDelay"/>).
/// The registry logs connection failures and restores itself (<see cref="RedisMeshRegistry"/>).
/// </summary>
internal static class RedisConnectionFactory
{
    public static ConfigurationOptions Create(RedisEndpoint endpoint, RedisClientOptions options, RedisTls? tls)
    {
        var configuration = new ConfigurationOptions
        {
            EndPoints = { { endpoint.Host, endpoint.Port } },
            User = endpoint.User,
            Password = endpoint.Password,
            DefaultDatabase = endpoint.Database,
            Ssl = endpoint.UseTls,
            SslHost = endpoint.UseTls ? endpoint.Host : null,
            ConnectTimeout = Milliseconds(options.ConnectTimeout),
            SyncTimeout = Milliseconds(options.CommandTimeout),
            AsyncTimeout = Milliseconds(options.CommandTimeout),
            ConnectRetry = 1,
            AbortOnConnectFail = false,
            BacklogPolicy = BacklogPolicy.FailFast,
            ReconnectRetryPolicy = new ExponentialRetry(Milliseconds(options.ReconnectMinDelay), Milliseconds(options.ReconnectMaxDelay)),
        };
        if (options.ClientName is { Length: > 0 } name)
        {
            configuration.ClientName = name;
        }

        if (tls is not null)
        {
            configuration.SslClientAuthenticationOptions = tls.ClientOptions;
        }

        return configuration;
    }

    private static int Milliseconds(TimeSpan span) => (int)Math.Clamp(Math.Ceiling(span.TotalMilliseconds), 1, int.MaxValue);
}
