namespace ModelMesh.Onnx;

/// <summary>Name, element type and shape of a model input or output; -1 marks a symbolic or unknown dimension.</summary>
public sealed record OrtTensorInfo(string Name, TensorElementType ElementType, long[] Shape);
