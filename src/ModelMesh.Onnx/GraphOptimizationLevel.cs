namespace ModelMesh.Onnx;

/// <summary>ORT graph optimization levels (values of GraphOptimizationLevel in the C API).</summary>
public enum GraphOptimizationLevel
{
    DisableAll = 0,
    Basic = 1,
    Extended = 2,
    All = 99,
}
