using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using ModelMesh.Storage.Config;

namespace ModelMesh.Storage.Tests.Infrastructure;

/// <summary>
/// s3rver, an S3-compatible server (real S3 REST API, SigV4 checked), with a bucket <see cref="Bucket"/>. Its credentials
/// are fixed: access key S3RVER, secret S3RVER. Objects are uploaded with AWSSDK.S3 (UseChunkEncoding=false: s3rver
/// does not take aws-chunked bodies).
/// </summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    public const string Bucket = "models";
    public const string AccessKey = "S3RVER";
    public const string Secret = "S3RVER";

    private NodeServer? _server;

    public Uri Endpoint => new($"http://127.0.0.1:{_server!.Port}");

    public AmazonS3Client Client { get; private set; } = null!;

    public S3StorageEntry Entry(string key = "s3-test", string? secret = null, string? defaultBucket = null, string? accessKey = null) => new(key)
    {
        AccessKeyId = accessKey ?? AccessKey,
        SecretAccessKey = secret ?? Secret,
        EndpointUrl = Endpoint,
        Region = "us-east-1",
        DefaultBucket = defaultBucket,
    };

    public async Task PutAsync(string key, byte[] content)
    {
        await Client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Bucket,
            Key = key,
            InputStream = new MemoryStream(content),
            UseChunkEncoding = false,
        });
    }

    public async Task InitializeAsync()
    {
        _server = await NodeServer.StartAsync("s3rver/bin/s3rver.js", (port, data) =>
            ["-d", data, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent", "--configure-bucket", Bucket]);
        Client = new AmazonS3Client(new BasicAWSCredentials(AccessKey, Secret), new AmazonS3Config
        {
            ServiceURL = Endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
        });
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
