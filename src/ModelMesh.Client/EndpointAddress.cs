namespace ModelMesh.Client;

/// <summary>Turns what a user types for a front door (<c>host:port</c>, <c>host</c> or a URL) into a channel address.</summary>
public static class EndpointAddress
{
    /// <summary>The management and V2 gRPC port of a front door.</summary>
    public const int DefaultPort = 8033;

    /// <summary>
    /// <c>http://</c> and <c>https://</c> URLs are kept as they are; <c>host:port</c>, <c>[v6]:port</c> and a bare
    /// host become <c>http://host:port</c> (port 8033 when none is given). Anything else throws <see cref="FormatException"/>.
    /// </summary>
    public static Uri Parse(string endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var text = endpoint.Trim();
        if (text.Length == 0)
        {
            throw new FormatException("The endpoint is empty; expected host:port or http://host:port.");
        }

        if (text.Contains("://", StringComparison.Ordinal))
        {
            if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
            {
                return url;
            }

            throw new FormatException($"Endpoint '{endpoint}' must use http:// or https://.");
        }

        if (Uri.TryCreate("http://" + text, UriKind.Absolute, out var address) && address.AbsolutePath == "/" && address.Query.Length == 0)
        {
            return address.IsDefaultPort && !HasExplicitPort(text)
                ? new UriBuilder(address) { Port = DefaultPort }.Uri
                : address;
        }

        throw new FormatException($"Endpoint '{endpoint}' is not host:port (for example 127.0.0.1:8033) or an http:// URL.");
    }

    private static bool HasExplicitPort(string hostPort)
    {
        var colon = hostPort.LastIndexOf(':');
        return colon > hostPort.LastIndexOf(']');
    }
}
