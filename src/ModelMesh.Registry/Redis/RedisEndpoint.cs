using System.Globalization;

namespace ModelMesh.Registry;

/// <summary>
/// Where and how to connect, parsed from <c>redis://[user:password@]host:port[/db]</c> or
/// <c>rediss://...[?cacert=FILE&amp;cert=FILE&amp;key=FILE]</c> (TLS); turned into StackExchange.Redis'
/// <c>ConfigurationOptions</c> by <see cref="RedisConnectionFactory"/>.
/// </summary>
public sealed record RedisEndpoint(string Host, int Port, bool UseTls = false, string? User = null, string? Password = null, int Database = 0)
{
    public const int DefaultPort = 6379;

    /// <summary>PEM file of the CA(s) the server certificate must chain to (URL parameter <c>cacert</c>, as redis-cli's --cacert).</summary>
    public string? CaCertificateFile { get; init; }

    /// <summary>PEM file of the client certificate for mutual TLS (URL parameter <c>cert</c>).</summary>
    public string? ClientCertificateFile { get; init; }

    /// <summary>PEM file of the client certificate's key (URL parameter <c>key</c>; default: in the certificate file).</summary>
    public string? ClientKeyFile { get; init; }

    /// <summary>
    /// Parses a Redis URL. User info "user:password" authenticates as that ACL user; ":password" or "password"
    /// (no colon) with the password alone. The path, when present, is the database number. The query
    /// takes the TLS files of a rediss:// URL: <c>cacert</c>, <c>cert</c> and <c>key</c> (percent-encoded paths).
    /// </summary>
    public static RedisEndpoint Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "redis" && uri.Scheme != "rediss"))
        {
            throw new ArgumentException($"not a redis:// or rediss:// URL: '{Redact(url)}'", nameof(url));
        }

        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                password = Uri.UnescapeDataString(uri.UserInfo);
            }
            else
            {
                user = colon == 0 ? null : Uri.UnescapeDataString(uri.UserInfo[..colon]);
                password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        var path = uri.AbsolutePath.Trim('/');
        var db = 0;
        if (path.Length > 0 && !int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out db))
        {
            throw new ArgumentException($"the path of a Redis URL is a database number, not '{path}'", nameof(url));
        }

        var port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port;
        var endpoint = new RedisEndpoint(uri.IdnHost, port, uri.Scheme == "rediss", user, password, db);
        return uri.Query.Length > 1 ? WithQuery(endpoint, uri.Query[1..]) : endpoint;
    }

    /// <summary>The URL without the password, for logs and messages.</summary>
    public override string ToString() =>
        $"{(UseTls ? "rediss" : "redis")}://{(User is null ? "" : User + "@")}{Host}:{Port.ToString(CultureInfo.InvariantCulture)}/{Database.ToString(CultureInfo.InvariantCulture)}";

    private static RedisEndpoint WithQuery(RedisEndpoint endpoint, string query)
    {
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (name is not ("cacert" or "cert" or "key"))
            {
                throw new ArgumentException($"unknown Redis URL parameter '{name}' (known: cacert, cert, key)", nameof(query));
            }

            if (!endpoint.UseTls || value.Length == 0)
            {
                throw new ArgumentException($"the Redis URL parameter '{name}' needs a file and a rediss:// URL", nameof(query));
            }

            endpoint = name switch
            {
                "cacert" => endpoint with { CaCertificateFile = value },
                "cert" => endpoint with { ClientCertificateFile = value },
                _ => endpoint with { ClientKeyFile = value },
            };
        }

        return endpoint;
    }

    /// <summary>The URL with its credentials (user:password@) replaced by ***, for messages and banners.</summary>
    public static string Redact(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var at = url.IndexOf('@', StringComparison.Ordinal);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        return at > 0 && scheme > 0 && at > scheme ? url[..(scheme + 3)] + "***" + url[at..] : url;
    }
}
