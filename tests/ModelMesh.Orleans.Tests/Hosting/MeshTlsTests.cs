using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Messaging;
using Orleans.Hosting;
using ModelMesh.Orleans.Hosting;

namespace ModelMesh.Orleans.Tests.Hosting;

/// <summary>
/// TLS between silos on real loopback TCP: two silos in two hosts, both with certificates from the cluster CA, form a
/// cluster and a grain call crosses between them; a silo without TLS, or with a certificate from another CA, cannot join.
/// </summary>
public sealed class MeshTlsTests : IDisposable
{
    private readonly TestCertificates _cluster = new("modelmesh-test-ca");

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public async Task Two_silos_with_tls_form_a_cluster_and_a_grain_call_crosses_between_them()
    {
        var clusterId = NewClusterId();
        await using var a = await LoopbackSilo.StartAsync(clusterId, null, s => s.UseModelMeshTls(_cluster.Member("silo-a")));
        await using var b = await LoopbackSilo.StartAsync(clusterId, a.SiloEndpoint, s => s.UseModelMeshTls(_cluster.Member("silo-b")));

        var onA = await a.Grains.GetGrain<IHopGrain>("tls").WhereAsync(); // placed on the caller's silo
        var fromB = await b.Grains.GetGrain<IHopGrain>("tls").WhereAsync(); // B -> A over TLS
        Assert.Equal(a.Address, onA.Silo);
        Assert.Equal(a.Address, fromB.Silo);
        Assert.NotEqual(a.Address, b.Address);

        var hosts = await a.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        Assert.Equal(2, hosts.Count);
    }

    [Fact]
    public async Task A_silo_without_tls_cannot_join_a_tls_cluster()
    {
        var clusterId = NewClusterId();
        await using var a = await LoopbackSilo.StartAsync(clusterId, null, s => s.UseModelMeshTls(_cluster.Member("silo-a")));
        await using var plain = LoopbackSilo.Build(clusterId, a.SiloEndpoint, FailFastJoin);

        await Assert.ThrowsAnyAsync<OrleansException>(plain.StartAsync);
        await AssertAloneAsync(a);
    }

    [Fact]
    public async Task A_silo_whose_certificate_is_from_another_ca_cannot_join()
    {
        var clusterId = NewClusterId();
        using var stranger = new TestCertificates("some-other-ca");
        await using var a = await LoopbackSilo.StartAsync(clusterId, null, s => s.UseModelMeshTls(_cluster.Member("silo-a")));
        var foreign = stranger.Member("intruder");
        foreign.TrustedCertificatesPath = _cluster.TrustPath; // it trusts the cluster, but the cluster does not trust it
        await using var intruder = LoopbackSilo.Build(clusterId, a.SiloEndpoint, s => FailFastJoin(s.UseModelMeshTls(foreign)));

        await Assert.ThrowsAnyAsync<OrleansException>(intruder.StartAsync);
        await AssertAloneAsync(a);
    }

    [Fact]
    public async Task An_external_client_needs_tls_and_a_trusted_certificate_too()
    {
        var clusterId = NewClusterId();
        await using var a = await LoopbackSilo.StartAsync(clusterId, null, s => s.UseModelMeshTls(_cluster.Member("silo-a")));
        using (var tool = BuildClient(a, clusterId, c => c.UseModelMeshTls(_cluster.Member("tool"))))
        {
            await tool.StartAsync();
            var answer = await tool.Services.GetRequiredService<IClusterClient>().GetGrain<IHopGrain>("client").WhereAsync();
            Assert.Equal(a.Address, answer.Silo);
            await tool.StopAsync();
        }

        // One attempt, not the client's default retries (about 3 minutes here before it gives up).
        using var plain = BuildClient(a, clusterId, c => c.UseConnectionRetryFilter((_, _) => Task.FromResult(false)));
        await Assert.ThrowsAsync<ConnectionFailedException>(() => plain.StartAsync());

        using var foreign = new TestCertificates("some-other-ca");
        using var stranger = BuildClient(a, clusterId, c => c.UseModelMeshTls(foreign.Member("stranger")).UseConnectionRetryFilter((_, _) => Task.FromResult(false)));
        await Assert.ThrowsAsync<ConnectionFailedException>(() => stranger.StartAsync());
    }

    [Fact]
    public void Disabled_tls_changes_nothing_and_needs_no_files()
    {
        var result = new MeshTlsOptionsValidator().Validate(null, new MeshTlsOptions());
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Enabled_tls_without_trusted_certificates_is_refused()
    {
        var options = _cluster.Member("silo-x");
        options.TrustedCertificatesPath = null;
        var error = Assert.Throws<OptionsValidationException>(() => LoopbackSilo.Build(NewClusterId(), null, s => s.UseModelMeshTls(options)));
        Assert.Contains("TrustedCertificatesPath", error.Message);
    }

    [Fact]
    public void Enabled_tls_with_a_missing_certificate_file_is_refused()
    {
        var options = _cluster.Member("silo-y");
        options.CertificatePath = Path.Combine(Path.GetTempPath(), "no-such-certificate.pem");
        var result = new MeshTlsOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("CertificatePath", result.FailureMessage);
    }

    /// <summary>
    /// A silo expected not to get in gives up after 5 s instead of Orleans' 5 min. Only for those: a silo that does join
    /// but takes longer than this to become active (a busy CI machine) would be evicted and Orleans would fail the process fast.
    /// </summary>
    private static void FailFastJoin(ISiloBuilder silo) =>
        silo.Configure<ClusterMembershipOptions>(o => o.MaxJoinAttemptTime = TimeSpan.FromSeconds(5));

    private static IHost BuildClient(LoopbackSilo gateway, string clusterId, Action<IClientBuilder>? configure)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.UseLocalhostClustering(gateway.GatewayPort, "modelmesh-tests", clusterId);
            configure?.Invoke(client);
        });
        return builder.Build();
    }

    private static string NewClusterId() => "tls-" + Guid.NewGuid().ToString("N")[..8];

    private static async Task AssertAloneAsync(LoopbackSilo silo)
    {
        var hosts = await silo.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        Assert.Equal([silo.Address], hosts.Keys.Select(k => k.ToParsableString()));
    }
}
