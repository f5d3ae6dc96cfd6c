using System.Text;
using Prometheus;

namespace ModelMesh.Metrics;

/// <summary>A registry's exposition as text (what <c>GET /metrics</c> answers without an OpenMetrics Accept header).</summary>
public static class RegistryText
{
    public static async Task<string> ScrapeAsync(this CollectorRegistry registry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        using var buffer = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
