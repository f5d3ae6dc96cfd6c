using System.Net;

namespace ModelMesh.Host.Node;

/// <summary>Options of a single serving node (the <c>dev</c> command of this issue).</summary>
public sealed class NodeOptions
{
    public string ModelsDirectory { get; set; } = "";

    /// <summary>V2 gRPC port (ModelMesh default 8033). 0 picks a free port.</summary>
    public int GrpcPort { get; set; } = 8033;

    /// <summary>REST port: V2, V1 (ModelMesh default 8008). 0 picks a free port.</summary>
    public int HttpPort { get; set; } = 8008;

    /// <summary>Prometheus port (default 2112); the exposition arrives with the metrics issue.</summary>
    public int MetricsPort { get; set; } = 2112;

    /// <summary>Loopback by default; <see cref="IPAddress.Any"/> with --bind-all.</summary>
    public IPAddress BindAddress { get; set; } = IPAddress.Loopback;

    public string ExecutionProvider { get; set; } = "cpu";

    /// <summary>Largest gRPC message / REST body accepted or sent.</summary>
    public int MaxMessageBytes { get; set; } = 16 * 1024 * 1024;
}
