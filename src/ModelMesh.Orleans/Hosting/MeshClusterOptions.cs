using System.Net;

namespace ModelMesh.Orleans.Hosting;

/// <summary>
/// How a process joins the mesh's Orleans cluster (docs/orleans.md, Hosting): membership in Redis for a cluster
/// (<see cref="Registry"/> a redis:// URL, the same server as the registrations), or in the memory of one primary silo for
/// a single process (<c>dev</c>, tests). Validated by <see cref="MeshClusterOptionsValidator"/>.
/// </summary>
public sealed class MeshClusterOptions
{
    public const string SectionName = "ModelMesh:Orleans:Cluster";

    /// <summary>"memory" (one process: development clustering on <see cref="PrimarySiloEndpoint"/>) or a redis:// / rediss:// URL.</summary>
    public string Registry { get; set; } = "memory";

    /// <summary>Orleans cluster and service id: silos with the same ids on the same membership store form one cluster.</summary>
    public string ClusterId { get; set; } = "modelmesh";

    public string ServiceId { get; set; } = "modelmesh";

    /// <summary>The silo's name in logs, the dashboard and <c>modelmesh cluster</c> (the <c>--id</c> flag).</summary>
    public string SiloName { get; set; } = "";

    /// <summary>Address this silo advertises to the others (membership carries it).</summary>
    public IPAddress AdvertiseAddress { get; set; } = IPAddress.Loopback;

    /// <summary>Silo-to-silo port; 0: a free port chosen at start and advertised through membership.</summary>
    public int SiloPort { get; set; }

    /// <summary>Listen on every interface (the advertised address may be a pod IP behind it).</summary>
    public bool ListenOnAnyAddress { get; set; }

    /// <summary>With the memory registry: the silo endpoint of the process's first silo, which keeps membership; null: this is it.</summary>
    public IPEndPoint? PrimarySiloEndpoint { get; set; }

    /// <summary>
    /// Failure detection: a silo that misses <see cref="MissedProbesLimit"/> probes of <see cref="ProbeTimeout"/> each is
    /// suspected, and declared dead on enough votes (Orleans scales the votes to small clusters). Defaults detect a
    /// kill -9 in about 3 s instead of Orleans' 15 s, without declaring a silo dead over one GC pause.
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>How long a grain call may wait for its answer (the V2 deadline cancels earlier; default 60 s).</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>TLS between members (silo-to-silo and front-door-to-silo), off by default.</summary>
    public MeshTlsOptions Tls { get; set; } = new();

    public bool UsesRedis => ModelMesh.Registry.RedisConfiguration.IsRedis(Registry);
}
