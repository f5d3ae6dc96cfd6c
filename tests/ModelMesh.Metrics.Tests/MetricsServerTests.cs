namespace ModelMesh.Metrics.Tests;

public sealed class MetricsServerTests
{
    [Fact]
    public async Task Get_Metrics_TextFormatWithContentType()
    {
        var registry = new MetricsRegistry();
        registry.CreateCounter("served_total", "s").Inc(5);
        await using var server = await MetricsServer.StartAsync(registry, 0);
        using var http = new HttpClient();
        using var response = await http.GetAsync(server.Url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Contains("served_total 5\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_OtherPath_NotFound()
    {
        await using var server = await MetricsServer.StartAsync(new MetricsRegistry(), 0);
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(server.Url, "/other"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Start_AnyAddress_ReachableOnLoopback()
    {
        await using var server = await MetricsServer.StartAsync(new MetricsRegistry(), 0, anyAddress: true);
        Assert.True(server.Port > 0);
        using var http = new HttpClient();
        using var response = await http.GetAsync(server.Url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Stop_ThenGet_Refused()
    {
        var server = await MetricsServer.StartAsync(new MetricsRegistry(), 0);
        var url = server.Url;
        await server.DisposeAsync();
        using var http = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(url));
    }
}
