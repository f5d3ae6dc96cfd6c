using System.Globalization;

namespace ModelMesh.Registry.Resp;

/// <summary>Where and how to connect, parsed from <c>redis://[user:password@]host:port[/db]</c> or <c>rediss://</c> (TLS).</summary>
public sealed record RespEndpoint(string Host, int Port, bool UseTls = false, string? User = null, string? Password = null, int Database = 0)
{
    public const int DefaultPort = 6379;

    /// <summary>
    /// Parses a Redis URL. User info "user:password" sends AUTH user password; ":password" or "password"
    /// (no colon) sends AUTH password. The path, when present, is the database number for SELECT.
    /// </summary>
    public static RespEndpoint Parse(string url)
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
        return new RespEndpoint(uri.IdnHost, port, uri.Scheme == "rediss", user, password, db);
    }

    /// <summary>The URL without the password, for logs and messages.</summary>
    public override string ToString() =>
        $"{(UseTls ? "rediss" : "redis")}://{(User is null ? "" : User + "@")}{Host}:{Port.ToString(CultureInfo.InvariantCulture)}/{Database.ToString(CultureInfo.InvariantCulture)}";

    private static string Redact(string url)
    {
        var at = url.IndexOf('@', StringComparison.Ordinal);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        return at > 0 && scheme > 0 && at > scheme ? url[..(scheme + 3)] + "***" + url[at..] : url;
    }
}
