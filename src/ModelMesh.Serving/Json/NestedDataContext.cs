namespace ModelMesh.Serving.Json;

/// <summary>What <see cref="JsonTensorDataReader.ReadNested"/> names in its errors.</summary>
/// <param name="InputName">The input the data is for.</param>
/// <param name="Where">The part of the body being read, e.g. "instance 2" or "'inputs'".</param>
/// <param name="ShapeText">The input's declared shape, e.g. "[-1,4]".</param>
/// <param name="FirstDim">The input dimension the outermost array stands for (1 for V1 instances).</param>
internal readonly record struct NestedDataContext(string InputName, string Where, string ShapeText, int FirstDim);
