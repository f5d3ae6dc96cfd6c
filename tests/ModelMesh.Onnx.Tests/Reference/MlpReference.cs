namespace ModelMesh.Onnx.Tests.Reference;

/// <summary>The mlp sample's math in plain C#: softmax(relu(x·W1 + b1)·W2 + b2), accumulated in double.</summary>
internal static class MlpReference
{
    public static float[] Compute(float[] input, int batch, MlpWeights w)
    {
        const int In = MlpWeights.InputSize, Hidden = MlpWeights.HiddenSize, Out = MlpWeights.OutputSize;
        var output = new float[batch * Out];
        var hidden = new double[Hidden];
        var logits = new double[Out];
        for (var b = 0; b < batch; b++)
        {
            for (var h = 0; h < Hidden; h++)
            {
                double sum = w.B1[h];
                for (var i = 0; i < In; i++)
                {
                    sum += input[(b * In) + i] * (double)w.W1[(i * Hidden) + h];
                }

                hidden[h] = Math.Max(0, sum);
            }

            for (var o = 0; o < Out; o++)
            {
                double sum = w.B2[o];
                for (var h = 0; h < Hidden; h++)
                {
                    sum += hidden[h] * w.W2[(h * Out) + o];
                }

                logits[o] = sum;
            }

            var max = logits.Max();
            var total = logits.Sum(l => Math.Exp(l - max));
            for (var o = 0; o < Out; o++)
            {
                output[(b * Out) + o] = (float)(Math.Exp(logits[o] - max) / total);
            }
        }

        return output;
    }
}
