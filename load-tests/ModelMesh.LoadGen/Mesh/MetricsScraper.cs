namespace ModelMesh.LoadGen.Mesh;

/// <summary>Reads the cache counters of every metrics endpoint before and after the run; reports per-name deltas summed over labels and endpoints.</summary>
public sealed class MetricsScraper(IReadOnlyList<string> endpoints) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private Dictionary<string, double>? _before;

    public List<string> Problems { get; } = [];

    public bool Enabled => endpoints.Count > 0;

    public async Task BeforeAsync(CancellationToken cancellationToken) => _before = await ReadAsync(cancellationToken);

    /// <summary>Name -> (before, after, delta) of every cache counter found; empty if none.</summary>
    public async Task<SortedDictionary<string, MetricDelta>> AfterAsync(CancellationToken cancellationToken)
    {
        var after = await ReadAsync(cancellationToken);
        var result = new SortedDictionary<string, MetricDelta>(StringComparer.Ordinal);
        foreach (var (name, value) in after)
        {
            var before = _before is not null && _before.TryGetValue(name, out var b) ? b : 0;
            result[name] = new MetricDelta(before, value, value - before);
        }

        return result;
    }

    public void Dispose() => _http.Dispose();

    private async Task<Dictionary<string, double>> ReadAsync(CancellationToken cancellationToken)
    {
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            try
            {
                var text = await _http.GetStringAsync(new Uri(endpoint), cancellationToken);
                foreach (var (series, value) in PrometheusText.Parse(text))
                {
                    var name = PrometheusText.NameOf(series);
                    if (PrometheusText.IsCacheCounter(name))
                    {
                        sums[name] = sums.GetValueOrDefault(name) + value;
                    }
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException)
            {
                Problems.Add($"{endpoint}: {ex.Message}");
            }
        }

        return sums;
    }
}

public sealed record MetricDelta(double Before, double After, double Delta);
