namespace ModelMesh.Metrics;

/// <summary>How much detail the mesh's metrics carry.</summary>
public sealed class MeshMetricsOptions
{
    /// <summary>The series cap of a labelled family that is not per model.</summary>
    public const int DefaultMaxSeries = 1000;

    /// <summary>
    /// Adds a <c>model_id</c> label to request latency, invoke latency and message sizes (ModelMesh's per_model_metrics).
    /// Off by default: one series per model per code can be many series.
    /// </summary>
    public bool PerModel { get; set; }

    /// <summary>Cap on the label sets of each per-model family; more models fold into <c>model_id="other"</c>.</summary>
    public int MaxModelSeries { get; set; } = 500;
}
