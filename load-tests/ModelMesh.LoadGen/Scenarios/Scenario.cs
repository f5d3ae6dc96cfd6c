namespace ModelMesh.LoadGen.Scenarios;

/// <summary>
/// A scenario file (YAML, camelCase keys): the target, the embedded cluster it needs, the model set and its popularity,
/// the load, and actions at offsets into the measured window. Flags on the command line override any field.
/// </summary>
public sealed class Scenario
{
    public string Name { get; set; } = "adhoc";

    public string Description { get; set; } = string.Empty;

    public TargetSpec Target { get; set; } = new();

    public ClusterSpec Cluster { get; set; } = new();

    public ModelSetSpec Models { get; set; } = new();

    public LoadSpec Load { get; set; } = new();

    public List<ActionSpec> Actions { get; set; } = [];
}

/// <summary>Where the front door is (ignored with --embedded, which starts its own).</summary>
public sealed class TargetSpec
{
    /// <summary>grpc or rest.</summary>
    public string Protocol { get; set; } = "grpc";

    /// <summary>The front door's gRPC (V2 + management) endpoint.</summary>
    public string Endpoint { get; set; } = "127.0.0.1:8033";

    /// <summary>The front door's REST base URL (used when protocol is rest).</summary>
    public string Rest { get; set; } = "http://127.0.0.1:8008";

    /// <summary>Prometheus text endpoints to read mesh counters from, before and after.</summary>
    public List<string> Metrics { get; set; } = [];
}

/// <summary>The in-process cluster started with --embedded.</summary>
public sealed class ClusterSpec
{
    public int Silos { get; set; } = 2;

    /// <summary>CPU memory per silo, e.g. 512MiB.</summary>
    public string SiloCapacity { get; set; } = "512MiB";
}

/// <summary>The models requests go to: named (already registered) and/or generated (written and registered before the run).</summary>
public sealed class ModelSetSpec
{
    public List<string> Names { get; set; } = [];

    public GenerateSpec? Generate { get; set; }

    /// <summary>uniform, zipf:S or cycle.</summary>
    public string Popularity { get; set; } = "uniform";

    /// <summary>Seed of the popularity draw and of the input data.</summary>
    public int Seed { get; set; } = 20240611;
}

/// <summary>N distinct generated MLPs (FP32 [batch, 64] -> [batch, 10]) of about SizeBytes each, registered as PREFIX-0000...</summary>
public sealed class GenerateSpec
{
    public int Count { get; set; } = 10;

    public string Size { get; set; } = "1MiB";

    public string Prefix { get; set; } = "gen";

    /// <summary>Where the files go (default ~/.cache/modelmesh/loadgen/PREFIX-COUNT-SIZE); reused when present.</summary>
    public string? Directory { get; set; }

    /// <summary>Register through the management API before the run (the files must be readable by the silos).</summary>
    public bool Register { get; set; } = true;
}

public sealed class LoadSpec
{
    /// <summary>open or closed.</summary>
    public string Mode { get; set; } = "open";

    public double Rate { get; set; } = 100;

    public int Concurrency { get; set; } = 8;

    public string Warmup { get; set; } = "5s";

    public string Duration { get; set; } = "30s";

    public string Deadline { get; set; } = "5s";

    public int MaxInFlight { get; set; } = 4096;
}

/// <summary>
/// Something done at an offset into the measured window: kill-silo (abrupt, no drain), stop-silo (graceful drain) or
/// command. kill-silo and stop-silo act on the silo holding the most loaded copies when the action runs (Target
/// busiest, the default; read from GET cluster) or on Silo (Target named). Embedded they stop that SiloHost; against
/// a real cluster they run Command with /bin/sh -c (e.g. kill -9 PID, kill -TERM PID; {silo} in it is replaced by the
/// chosen silo's id, which is also in MODELMESH_SILO).
/// </summary>
public sealed class ActionSpec
{
    public string At { get; set; } = "10s";

    public string Kind { get; set; } = "command";

    /// <summary>The silo of a named action, and the fallback of a busiest one when the cluster cannot be read.</summary>
    public string Silo { get; set; } = "silo-2";

    /// <summary>busiest (the silo with the most loaded copies at the moment of the action) or named (Silo).</summary>
    public string Target { get; set; } = "busiest";

    public string? Command { get; set; }
}
