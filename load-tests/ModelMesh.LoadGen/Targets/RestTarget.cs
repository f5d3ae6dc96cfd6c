using System.Net;
using System.Net.Http.Headers;

namespace ModelMesh.LoadGen.Targets;

/// <summary>V2 JSON over HTTP/1.1: POST /v2/models/{model}/infer. Errors are "HTTP nnn", or DEADLINE_EXCEEDED / a transport error class.</summary>
public sealed class RestTarget : IInferenceTarget
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _client;
    private readonly Uri _base;

    public RestTarget(string baseUrl)
    {
        _base = new Uri(baseUrl.Contains("://", StringComparison.Ordinal) ? baseUrl : "http://" + baseUrl);
        _client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1024,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _samples = new(StringComparer.Ordinal);

    public string Protocol => "rest";

    public IReadOnlyDictionary<string, string> ErrorSamples => _samples;

    public async ValueTask<string?> SendAsync(PreparedInput input, TimeSpan deadline, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        using var content = new ByteArrayContent(input.RestJson);
        content.Headers.ContentType = Json;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, $"/v2/models/{Uri.EscapeDataString(input.Model)}/infer")) { Content = content };
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return null;
            }

            var code = ErrorCodes.Http((int)response.StatusCode);
            if (!_samples.ContainsKey(code))
            {
                _samples.TryAdd(code, await response.Content.ReadAsStringAsync(CancellationToken.None).ConfigureAwait(false));
            }

            return code;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ErrorCodes.ClientDeadline;
        }
        catch (OperationCanceledException)
        {
            return ErrorCodes.Cancelled;
        }
        catch (HttpRequestException ex)
        {
            return ErrorCodes.Transport(ex.HttpRequestError.ToString());
        }
    }

    public void Dispose() => _client.Dispose();
}
