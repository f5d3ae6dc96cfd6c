using ModelMesh.Placement;

namespace ModelMesh.Orleans.Cache;

/// <summary>
/// Options of a silo's model copies on Orleans (config section <c>ModelMesh:Orleans:Copies</c>); validated by
/// <see cref="CopyCacheOptionsValidator"/>. A silo with zero CPU capacity and no GPU holds no models (a front door).
/// </summary>
public sealed class CopyCacheOptions
{
    public const string SectionName = "ModelMesh:Orleans:Copies";

    /// <summary>Host memory budget for loaded copies in bytes; 0: this silo holds no models. Default 512 MiB, as the silo today.</summary>
    public long CpuCapacityBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>GPU memory budget per GPU index; empty when the silo has no GPUs.</summary>
    public IDictionary<int, long> GpuCapacityBytes { get; set; } = new Dictionary<int, long>();

    /// <summary>Loads running at once on this silo; more wait (default 2). Published so placement spreads bursts.</summary>
    public int MaxConcurrentLoads { get; set; } = 2;

    /// <summary>Concurrent ONNX Runtime Run calls of the silo (default: the core count).</summary>
    public int MaxConcurrentRuns { get; set; } = Environment.ProcessorCount;

    /// <summary>A copy used or loaded less than this long ago is not evicted (default 30 s, as ModelMesh.Placement.CacheOptions).</summary>
    public TimeSpan ChurnGuard { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How an admitted copy chooses its victims (default <see cref="AdmissionPolicy.TinyLfu"/>: idle copies with the lowest recent
    /// frequency per byte first, spares first, least recently used among equals; see <see cref="CachePolicy"/>). <c>Lru</c>: plain LRU.
    /// </summary>
    public AdmissionPolicy Admission { get; set; } = AdmissionPolicy.TinyLfu;

    /// <summary>TinyLFU ageing: request counts are halved after this many requests per held copy (default 20).</summary>
    public int FrequencyWindow { get; set; } = CacheOptions.DefaultFrequencyWindow;

    /// <summary>A load not finished after this long fails (default 90 s, as ModelMesh).</summary>
    public TimeSpan LoadTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How often the silo publishes its capacity, use and copies to the other silos (default 1 s).</summary>
    public TimeSpan PublishInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Also publish at once when a copy is admitted, loaded, fails or leaves, or draining starts (default true).</summary>
    public bool PublishOnChange { get; set; } = true;

    /// <summary>
    /// The most time between two publications on change (default 100 ms). The gap is ten times what the last publication
    /// cost, up to this: a silo with a few copies publishes each change at once; one loading thousands of models (each
    /// publication lists every copy it holds) publishes batches of changes, not twice per load.
    /// </summary>
    public TimeSpan ChangePublishGap { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long a placement director keeps a local reservation for a copy it placed when the target silo's publications
    /// do not show the copy (default 10 s: ten publications; a copy normally shows in the next one).
    /// </summary>
    public TimeSpan ReservationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Log one line per inference a copy on this silo runs or refuses (model, status, latency, whether it waited for the load).</summary>
    public bool AccessLog { get; set; }

    public bool HoldsModels => CpuCapacityBytes > 0 || GpuCapacityBytes.Values.Any(b => b > 0);
}
