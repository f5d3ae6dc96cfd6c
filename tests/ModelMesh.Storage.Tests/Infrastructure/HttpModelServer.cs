using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ModelMesh.Storage.Tests.Infrastructure;

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1, a free port) serving files by path; a path can be given its own handler
/// (a failing status, a held response) and every request is counted with its headers.
/// </summary>
public sealed class HttpModelServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _handlers = new(StringComparer.Ordinal);

    private HttpModelServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentQueue<(string Path, IHeaderDictionary Headers)> Requests { get; } = new();

    public int RequestsFor(string path) => Requests.Count(r => r.Path == path);

    public Uri Url(string path) => new(BaseAddress, path);

    public void Serve(string path, byte[] content) => _files[path] = content;

    public void Handle(string path, Func<HttpContext, Task> handler) => _handlers[path] = handler;

    public static async Task<HttpModelServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new HttpModelServer(app);
        app.Run(server.ServeAsync);
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        Requests.Enqueue((path, new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value))));
        if (_handlers.TryGetValue(path, out var handler))
        {
            await handler(context);
        }
        else if (_files.TryGetValue(path, out var content))
        {
            context.Response.ContentLength = content.Length;
            await context.Response.Body.WriteAsync(content);
        }
        else
        {
            context.Response.StatusCode = 404;
        }
    }
}
