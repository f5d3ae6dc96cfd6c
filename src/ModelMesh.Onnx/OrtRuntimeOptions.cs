namespace ModelMesh.Onnx;

/// <summary>Options for the process-wide <see cref="OrtRuntime"/>.</summary>
public sealed class OrtRuntimeOptions
{
    /// <summary>Threads of the global intra-op pool shared by every session.</summary>
    public int IntraOpThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>Threads of the global inter-op pool (only used by parallel execution mode).</summary>
    public int InterOpThreads { get; set; } = 1;

    /// <summary>
    /// Whether idle pool threads spin before sleeping. Off by default: a silo shares its cores
    /// among many models and spinning threads burn CPU that other work needs.
    /// </summary>
    public bool AllowSpinning { get; set; }

    /// <summary>Lowest severity ORT logs to stderr.</summary>
    public OrtLoggingLevel LogLevel { get; set; } = OrtLoggingLevel.Error;

    /// <summary>Log id ORT prefixes its messages with.</summary>
    public string LogId { get; set; } = "modelmesh";
}
