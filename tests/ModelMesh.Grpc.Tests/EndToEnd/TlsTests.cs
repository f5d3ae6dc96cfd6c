using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ModelMesh.Grpc.Tests;

/// <summary>gRPC over TLS: HTTP/2 negotiated by ALPN on a listener with a certificate.</summary>
public class TlsTests
{
    private static X509Certificate2 CreateSelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
    }

    [Fact]
    public async Task RawUnaryCallAsync_TlsListener_EchoSucceedsOverHttps()
    {
        using var certificate = CreateSelfSignedCertificate();
        await using var server = await GrpcTestServer.StartAsync(certificate: certificate);
        using var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString() },
        };
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpHandler = handler });

        var result = await channel.RawUnaryCallAsync(TestMethods.Echo, TestMethods.Pattern(2000));

        Assert.Equal(Uri.UriSchemeHttps, server.Address.Scheme);
        Assert.Equal(TestMethods.Pattern(2000), result.Response.ToArray());
    }
}
