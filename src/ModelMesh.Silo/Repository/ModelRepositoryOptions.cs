using ModelMesh.Onnx;

namespace ModelMesh.Silo.Repository;

/// <summary>Options of a node's local model repository (config section <c>ModelMesh:Repository</c>).</summary>
public sealed class ModelRepositoryOptions
{
    /// <summary>Folder holding <c>&lt;model&gt;/model.onnx</c> or <c>&lt;model&gt;/&lt;N&gt;/model.onnx</c>.</summary>
    public string ModelsDirectory { get; set; } = "";

    /// <summary>Load every model at start-up (otherwise on repository load).</summary>
    public bool LoadAllAtStartup { get; set; } = true;

    /// <summary><c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public string ExecutionProvider { get; set; } = "cpu";

    public GraphOptimizationLevel GraphOptimizationLevel { get; set; } = GraphOptimizationLevel.All;

    /// <summary>Concurrent ONNX Runtime Run calls; more wait in a queue. Default: the core count.</summary>
    public int MaxConcurrentRuns { get; set; } = Environment.ProcessorCount;
}
