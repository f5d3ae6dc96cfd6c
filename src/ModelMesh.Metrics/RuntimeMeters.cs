using System.Diagnostics.Metrics;
using Prometheus;

namespace ModelMesh.Metrics;

/// <summary>
/// Publishes the runtime's own .NET meters into a registry through prometheus-net's <see cref="MeterAdapter"/>
/// (counters become gauges; names are <c>meter_instrument</c> in snake case, e.g.
/// <c>microsoft_aspnetcore_hosting_http_server_request_duration</c>). Which meters:
/// <list type="bullet">
/// <item>meters of a role's own hosts: those created through the role's <see cref="IMeterFactory"/>s (ASP.NET Core
/// hosting, which counts every gRPC and REST call by route and status; Kestrel connections; routing), so two roles in
/// one process (tests) each publish only their own;</item>
/// <item>the process-wide meters in <see cref="ProcessMeters"/> (runtime: GC, JIT, thread pool, exceptions, locks;
/// outgoing HTTP, which is the front door's calls to silos), in every registry an endpoint serves.</item>
/// </list>
/// Instruments whose adapted name promtool would reject (a gauge ending in <c>_count</c>, <c>_sum</c>, <c>_bucket</c>
/// or <c>_total</c>, e.g. <c>dotnet.assembly.count</c>) are left out. Histograms in seconds get the mesh's latency
/// buckets, in bytes its message-size buckets. Exemplars are off.
/// </summary>
public static class RuntimeMeters
{
    /// <summary>The process-wide (unscoped) meters that are published.</summary>
    public static IReadOnlyList<string> ProcessMeters { get; } = ["System.Runtime", "System.Net.Http", "System.Net.NameResolution"];

    private static readonly string[] ReservedSuffixes = ["_count", "_sum", "_bucket", "_total"];

    /// <summary>Starts publishing; dispose to stop listening (the series already published stay until they expire).</summary>
    /// <param name="registry">Where the adapted series go.</param>
    /// <param name="roleScopes">The meter factories of the role's hosts (their <c>IServiceProvider</c>'s <see cref="IMeterFactory"/>).</param>
    public static IDisposable Publish(CollectorRegistry registry, IEnumerable<IMeterFactory> roleScopes)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(roleScopes);
        var scopes = roleScopes.Cast<object>().ToHashSet(ReferenceEqualityComparer.Instance);
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        factory.ExemplarBehavior = ExemplarBehavior.NoExemplars();
        return MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = registry,
            MetricFactory = factory,
            InstrumentFilterPredicate = instrument => Accepts(instrument, scopes),
            ResolveHistogramBuckets = instrument => instrument.Unit switch
            {
                "s" => [.. Buckets.LatencySeconds],
                "By" => [.. Buckets.MessageBytes],
                _ => MeterAdapterOptions.DefaultHistogramBuckets,
            },
        });
    }

    internal static bool Accepts(Instrument instrument, IReadOnlySet<object> scopes)
    {
        var meter = instrument.Meter;
        var ours = meter.Scope is { } scope ? scopes.Contains(scope) : ProcessMeters.Contains(meter.Name, StringComparer.Ordinal);
        return ours && (IsHistogram(instrument) || !ReservedSuffixes.Any(AdaptedName(instrument).EndsWith));
    }

    /// <summary>The name the adapter gives an instrument: meter and instrument name, lower case, other characters as <c>_</c>.</summary>
    internal static string AdaptedName(Instrument instrument) =>
        string.Create(instrument.Meter.Name.Length + 1 + instrument.Name.Length, instrument, static (span, i) =>
        {
            i.Meter.Name.AsSpan().CopyTo(span);
            span[i.Meter.Name.Length] = '_';
            i.Name.AsSpan().CopyTo(span[(i.Meter.Name.Length + 1)..]);
            for (var c = 0; c < span.Length; c++)
            {
                span[c] = char.IsAsciiLetterOrDigit(span[c]) ? char.ToLowerInvariant(span[c]) : '_';
            }
        });

    private static bool IsHistogram(Instrument instrument)
    {
        var type = instrument.GetType();
        return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Histogram<>);
    }
}
