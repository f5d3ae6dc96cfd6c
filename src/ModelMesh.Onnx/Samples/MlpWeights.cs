namespace ModelMesh.Onnx;

/// <summary>
/// Weights of the "mlp" sample: probabilities = softmax(relu(input·W1 + B1)·W2 + B2).
/// W1 is [4,16] and W2 is [16,3], row-major (input index major); B1 is [16], B2 is [3].
/// </summary>
public sealed record MlpWeights(float[] W1, float[] B1, float[] W2, float[] B2)
{
    public const int InputSize = 4;
    public const int HiddenSize = 16;
    public const int OutputSize = 3;

    internal static MlpWeights Create() => new(
        SampleWeights.Uniform(101, InputSize * HiddenSize, 1f),
        SampleWeights.Uniform(102, HiddenSize, 0.5f),
        SampleWeights.Uniform(103, HiddenSize * OutputSize, 1f),
        SampleWeights.Uniform(104, OutputSize, 0.5f));
}
