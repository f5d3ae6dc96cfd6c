namespace ModelMesh.Testing;

/// <summary>
/// A generated MLP of a chosen size: x FP32 [batch, 16] → MatMul W1 [16, H] → Relu → MatMul W2 [H, 4] → y FP32 [batch, 4].
/// Weights come from <see cref="Seed"/>, so <see cref="Reference"/> recomputes outputs independently of ONNX Runtime.
/// </summary>
public sealed record SizedMlpModel(string ModelId, string Path, int Hidden, int Seed)
{
    public const int Inputs = 16;
    public const int Outputs = 4;
    public const string InputName = "x";
    public const string OutputName = "y";

    public string StorageUri => new Uri(Path).AbsoluteUri;

    public long FileBytes => new FileInfo(Path).Length;

    /// <summary>y = relu(x · W1) · W2 for each row of <paramref name="x"/> (row-major [rows, 16]).</summary>
    public float[] Reference(float[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var (w1, w2) = ModelFactory.MlpWeights(Hidden, Seed);
        var rows = x.Length / Inputs;
        var y = new float[rows * Outputs];
        var hidden = new double[Hidden];
        for (var r = 0; r < rows; r++)
        {
            Array.Clear(hidden);
            for (var i = 0; i < Inputs; i++)
            {
                var xi = x[(r * Inputs) + i];
                for (var h = 0; h < Hidden; h++)
                {
                    hidden[h] += xi * w1[(i * Hidden) + h];
                }
            }

            for (var h = 0; h < Hidden; h++)
            {
                var a = Math.Max(0, (float)hidden[h]);
                if (a == 0)
                {
                    continue;
                }

                for (var o = 0; o < Outputs; o++)
                {
                    y[(r * Outputs) + o] += a * w2[(h * Outputs) + o];
                }
            }
        }

        return y;
    }
}
