namespace ModelMesh.Silo.Mesh;

/// <summary>Options of a mesh silo (config section <c>ModelMesh:Silo</c>); CLI flags map onto these.</summary>
public sealed class SiloOptions
{
    public const string SectionName = "ModelMesh:Silo";

    /// <summary>Stable name of this silo; default: host name and port.</summary>
    public string SiloId { get; set; } = "";

    /// <summary>host:port front doors use to reach this silo.</summary>
    public string AdvertiseAddress { get; set; } = "";

    /// <summary>Host memory budget for loaded copies (ModelMesh: memory request minus a 256 MiB buffer).</summary>
    public long CpuCapacityBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>GPU memory budget per GPU index; empty when the silo has no GPUs.</summary>
    public IDictionary<int, long> GpuCapacityBytes { get; set; } = new Dictionary<int, long>();

    /// <summary>With no <see cref="GpuCapacityBytes"/> given, find GPUs through NVML and budget each at its memory minus <see cref="GpuMemoryReserveFraction"/>.</summary>
    public bool DiscoverGpus { get; set; } = true;

    /// <summary>Share of each discovered GPU's memory kept free for the CUDA context and workspace (default 10%).</summary>
    public double GpuMemoryReserveFraction { get; set; } = 0.10;

    public IDictionary<string, string> Labels { get; set; } = new Dictionary<string, string>();

    /// <summary>Lease time of the silo's registry record; expiry = death (default 10 s).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the lease is refreshed (default 2 s).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Loads running at once; more wait (default 2).</summary>
    public int MaxConcurrentLoads { get; set; } = 2;

    /// <summary>Concurrent ONNX Runtime Run calls; more wait in a queue (default: the core count).</summary>
    public int MaxConcurrentRuns { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Predicted size = file bytes x this factor + <see cref="PerModelOverheadBytes"/>, reserved until the real size
    /// is measured (a larger measurement evicts more or drops the copy). Default 1.5: ModelMesh's 1.25 alone
    /// under-predicts ONNX Runtime by 33% at the median (docs/architecture.md, Sizing).
    /// </summary>
    public double SizePredictionFactor { get; set; } = 1.5;

    /// <summary>A measured size is never taken below file bytes x this factor + the overhead (default 1.25).</summary>
    public double MeasurementFloorFactor { get; set; } = 1.25;

    /// <summary>
    /// What every loaded session costs beyond its weights, in a silo that already holds sessions (default 128 KiB:
    /// the <c>density</c> benchmark measures ~130 KiB of RSS per 5 KB model over 1,000 and 10,000 models,
    /// docs/benchmarks.md). The first session of a process costs ~1 MB more (kernels, ORT's one-time state); that is
    /// the process's baseline, not any model's.
    /// </summary>
    public long PerModelOverheadBytes { get; set; } = 128 * 1024;

    /// <summary>Prediction when neither a size hint nor the file's size is known yet (ModelMesh's default model size, 1,000,000 B).</summary>
    public long MinimumModelSizeBytes { get; set; } = 1_000_000;

    /// <summary>On SIGTERM: how long to wait for copies elsewhere and in-flight requests before leaving (default 30 s).</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Models used within this window before a drain get a copy loaded elsewhere (default 5 min).</summary>
    public TimeSpan DrainRecentUseWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Log one line per inference this silo handles (model, gRPC status, latency, whether the request may load the model
    /// and whether it waited for a load), in a RequestId/TraceId scope; off by default (<c>--access-log</c>).
    /// </summary>
    public bool AccessLog { get; set; }

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(SiloId))
        {
            throw new InvalidOperationException($"{SectionName}:SiloId is required");
        }

        if (string.IsNullOrWhiteSpace(AdvertiseAddress))
        {
            throw new InvalidOperationException($"{SectionName}:AdvertiseAddress is required");
        }

        if (CpuCapacityBytes <= 0)
        {
            throw new InvalidOperationException($"{SectionName}:CpuCapacityBytes must be positive (got {CpuCapacityBytes})");
        }

        if (HeartbeatInterval <= TimeSpan.Zero || LeaseDuration <= HeartbeatInterval)
        {
            throw new InvalidOperationException($"{SectionName}: the lease ({LeaseDuration}) must be longer than the heartbeat interval ({HeartbeatInterval})");
        }

        if (MaxConcurrentLoads <= 0)
        {
            throw new InvalidOperationException($"{SectionName}:MaxConcurrentLoads must be positive");
        }
    }
}
