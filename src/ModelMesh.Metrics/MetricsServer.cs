using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace ModelMesh.Metrics;

/// <summary>
/// A role's /metrics endpoint: a small Kestrel HTTP/1.1 server where prometheus-net.AspNetCore's exporter answers
/// <c>GET /metrics</c> from one registry (text format 0.0.4, or OpenMetrics when the scraper asks for it); every other
/// path is 404. While it runs, the runtime's .NET meters are published into the registry (<see cref="RuntimeMeters"/>).
/// Port 0 binds a free port (see <see cref="Port"/>). Binds 127.0.0.1 unless told to listen on all interfaces.
/// </summary>
public sealed class MetricsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IDisposable _meters;

    private MetricsServer(WebApplication app, IDisposable meters, int port)
    {
        _app = app;
        _meters = meters;
        Port = port;
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/metrics");

    /// <param name="registry">What the endpoint serves.</param>
    /// <param name="port">0 = a free port.</param>
    /// <param name="anyAddress">Listen on all interfaces instead of 127.0.0.1.</param>
    /// <param name="roleServices">The service providers of the role's hosts: the meters their <see cref="IMeterFactory"/>
    /// created (Kestrel, ASP.NET Core hosting) are published; none = only the process-wide meters.</param>
    public static async Task<MetricsServer> StartAsync(
        CollectorRegistry registry, int port, bool anyAddress = false, IEnumerable<IServiceProvider>? roleServices = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddRouting();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Listen(anyAddress ? IPAddress.IPv6Any : IPAddress.Loopback, port);
        });
        var app = builder.Build();
        app.MapMetrics(settings => settings.Registry = registry).WithMetadata(new HttpMethodMetadata(["GET", "HEAD"]));
        var scopes = (roleServices ?? []).Select(s => s.GetService<IMeterFactory>()).OfType<IMeterFactory>();
        var meters = RuntimeMeters.Publish(registry, scopes);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            meters.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new MetricsServer(app, meters, new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal)).Port);
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _meters.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
