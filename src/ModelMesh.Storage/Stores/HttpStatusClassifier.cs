using System.Net;

namespace ModelMesh.Storage.Stores;

/// <summary>Which answers of a store are worth another attempt: throttling, timeouts and server errors.</summary>
internal static class HttpStatusClassifier
{
    public static bool IsTransient(int status) =>
        status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500;

    /// <summary>Failures below HTTP: the connection, the transfer, a per-request timeout.</summary>
    public static bool IsTransientException(Exception e) =>
        e is HttpRequestException or IOException or TimeoutException
        || (e is TaskCanceledException && e.InnerException is TimeoutException);

    public static byte[]? Md5FromHex(string? etag)
    {
        var hex = etag?.Trim('"');
        if (hex is not { Length: 32 } || !hex.All(Uri.IsHexDigit))
        {
            return null;
        }

        return Convert.FromHexString(hex);
    }
}
