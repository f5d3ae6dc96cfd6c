namespace ModelMesh.Orleans.Drain;

/// <summary>How a model silo leaves on SIGTERM (docs/orleans.md, Drain).</summary>
public sealed class SiloDrainOptions
{
    /// <summary>How long to wait for copies elsewhere and in-flight requests before leaving (default 30 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Models used within this window before the drain get a copy loaded elsewhere first (default 5 min, as ModelMesh).</summary>
    public TimeSpan RecentUseWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Set when the whole cluster is going away (dev exit, tests): leave at once, hand nothing off.</summary>
    public bool Skip { get; set; }
}
