namespace ModelMesh.Onnx;

/// <summary>
/// Weights of the "conv" sample, row-major: Conv1Weight [16,3,3,3], Conv1Bias [16], Conv2Weight [32,16,3,3],
/// Conv2Bias [32] (both convolutions 3x3, stride 1, padding 1, each followed by Relu), then global average
/// pooling and FcWeight [32,10] (input index major), FcBias [10].
/// </summary>
public sealed record ConvWeights(
    float[] Conv1Weight,
    float[] Conv1Bias,
    float[] Conv2Weight,
    float[] Conv2Bias,
    float[] FcWeight,
    float[] FcBias)
{
    public const int Channels = 3;
    public const int ImageSize = 64;
    public const int Conv1Filters = 16;
    public const int Conv2Filters = 32;
    public const int Kernel = 3;
    public const int Classes = 10;

    internal static ConvWeights Create() => new(
        SampleWeights.Uniform(201, Conv1Filters * Channels * Kernel * Kernel, 0.2f),
        SampleWeights.Uniform(202, Conv1Filters, 0.1f),
        SampleWeights.Uniform(203, Conv2Filters * Conv1Filters * Kernel * Kernel, 0.08f),
        SampleWeights.Uniform(204, Conv2Filters, 0.1f),
        SampleWeights.Uniform(205, Conv2Filters * Classes, 0.2f),
        SampleWeights.Uniform(206, Classes, 0.1f));
}
