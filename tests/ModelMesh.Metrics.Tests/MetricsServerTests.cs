using ModelMesh.Metrics.Tests.Infrastructure;

namespace ModelMesh.Metrics.Tests;

public sealed class MetricsServerTests
{
    private static Prometheus.CollectorRegistry Served(double value)
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        Prometheus.Metrics.WithCustomRegistry(registry).CreateCounter("served_total", "s").Inc(value);
        return registry;
    }

    [Fact]
    public async Task Get_Metrics_TextFormatWithContentType()
    {
        await using var server = await MetricsServer.StartAsync(Served(5), 0);
        using var http = new HttpClient();
        using var response = await http.GetAsync(server.Url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("served_total 5\n", text);
        Promtool.AssertClean(text);
    }

    [Fact]
    public async Task Get_OpenMetricsAccepted_OpenMetricsFormat()
    {
        await using var server = await MetricsServer.StartAsync(Served(5), 0);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, server.Url);
        request.Headers.Accept.ParseAdd("application/openmetrics-text; version=1.0.0");
        using var response = await http.SendAsync(request);
        Assert.Equal("application/openmetrics-text", response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith("# EOF\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_OtherPath_NotFound()
    {
        await using var server = await MetricsServer.StartAsync(Served(1), 0);
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(server.Url, "/other"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Post_Metrics_MethodNotAllowed()
    {
        await using var server = await MetricsServer.StartAsync(Served(1), 0);
        using var http = new HttpClient();
        using var response = await http.PostAsync(server.Url, new StringContent(""));
        Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Start_AnyAddress_ReachableOnLoopback()
    {
        await using var server = await MetricsServer.StartAsync(Served(1), 0, anyAddress: true);
        Assert.True(server.Port > 0);
        using var http = new HttpClient();
        using var response = await http.GetAsync(server.Url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Stop_ThenGet_Refused()
    {
        var server = await MetricsServer.StartAsync(Served(1), 0);
        var url = server.Url;
        await server.DisposeAsync();
        using var http = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(url));
    }
}
