using System.Net;
using ModelMesh.Placement;
using ModelMesh.Storage;
using ModelMesh.Storage.Config;

namespace ModelMesh.Host.Roles;

/// <summary>Options of <c>modelmesh dev</c>.</summary>
public sealed class DevClusterOptions
{
    public int Silos { get; set; } = 2;

    public long SiloCapacityBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>"memory" (embedded) or redis://host:port.</summary>
    public string Registry { get; set; } = "memory";

    public string? ModelsDirectory { get; set; }

    public int GrpcPort { get; set; } = 8033;

    public int HttpPort { get; set; } = 8008;

    public IPAddress BindAddress { get; set; } = IPAddress.Loopback;

    public CacheOptions? Cache { get; set; }

    /// <summary>One /metrics endpoint for the whole process (front door and every silo); 0 = a free port; null = none.</summary>
    public int? MetricsPort { get; set; }

    /// <summary>Adds capped <c>model_id</c> labels to request and invoke latency and message sizes.</summary>
    public bool PerModelMetrics { get; set; }

    /// <summary>OTLP/HTTP endpoint (e.g. http://host:4318) the whole process exports traces to as modelmesh-dev; null = tracing off.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>Model cache and download settings; each silo keeps its downloads in its own folder under CacheDirectory.</summary>
    public StorageOptions? Storage { get; set; }

    /// <summary>Storage-config entries (credentials) for the front door's key check and the silos' downloads.</summary>
    public StorageConfig? StorageConfig { get; set; }

    /// <summary>How long the exporter batches spans before sending (the SDK's default when null).</summary>
    public TimeSpan? TraceExportDelay { get; set; }
}
