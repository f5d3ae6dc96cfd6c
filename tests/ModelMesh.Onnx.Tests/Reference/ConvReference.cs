namespace ModelMesh.Onnx.Tests.Reference;

/// <summary>The conv sample's math in plain C#: direct 3x3 convolutions with zero padding, Relu, global average pool, Gemm.</summary>
internal static class ConvReference
{
    private const int Size = ConvWeights.ImageSize;
    private const int K = ConvWeights.Kernel;

    public static float[] Compute(float[] images, int batch, ConvWeights w)
    {
        const int C = ConvWeights.Channels, F1 = ConvWeights.Conv1Filters, F2 = ConvWeights.Conv2Filters, Classes = ConvWeights.Classes;
        var logits = new float[batch * Classes];
        for (var b = 0; b < batch; b++)
        {
            var image = images.AsSpan(b * C * Size * Size, C * Size * Size).ToArray();
            var relu1 = ConvRelu(image, C, w.Conv1Weight, w.Conv1Bias, F1);
            var relu2 = ConvRelu(relu1, F1, w.Conv2Weight, w.Conv2Bias, F2);
            var pooled = new double[F2];
            for (var f = 0; f < F2; f++)
            {
                double sum = 0;
                for (var p = 0; p < Size * Size; p++)
                {
                    sum += relu2[(f * Size * Size) + p];
                }

                pooled[f] = sum / (Size * Size);
            }

            for (var c = 0; c < Classes; c++)
            {
                double sum = w.FcBias[c];
                for (var f = 0; f < F2; f++)
                {
                    sum += pooled[f] * w.FcWeight[(f * Classes) + c];
                }

                logits[(b * Classes) + c] = (float)sum;
            }
        }

        return logits;
    }

    private static float[] ConvRelu(float[] input, int inChannels, float[] weight, float[] bias, int filters)
    {
        var output = new float[filters * Size * Size];
        for (var f = 0; f < filters; f++)
        {
            for (var y = 0; y < Size; y++)
            {
                for (var x = 0; x < Size; x++)
                {
                    double sum = bias[f];
                    for (var c = 0; c < inChannels; c++)
                    {
                        for (var ky = 0; ky < K; ky++)
                        {
                            var iy = y + ky - 1;
                            if (iy is < 0 or >= Size)
                            {
                                continue;
                            }

                            for (var kx = 0; kx < K; kx++)
                            {
                                var ix = x + kx - 1;
                                if (ix is >= 0 and < Size)
                                {
                                    sum += input[(((c * Size) + iy) * Size) + ix] * (double)weight[(((((f * inChannels) + c) * K) + ky) * K) + kx];
                                }
                            }
                        }
                    }

                    output[(((f * Size) + y) * Size) + x] = (float)Math.Max(0, sum);
                }
            }
        }

        return output;
    }
}
