using ModelMesh.Benchmarks.Common;

namespace ModelMesh.Benchmarks.LoadSpread;

/// <summary>
/// One generated MLP file of the burst, with the output it must give for <see cref="GeneratedMlp.RequestValues"/>
/// (computed in plain C#, not by ONNX Runtime). Every round registers the same files under new model ids.
/// </summary>
public sealed record BurstModel(string Path, long FileBytes, float[] Expected)
{
    public static BurstModel Write(string folder, int index, long weightBytes)
    {
        var path = System.IO.Path.Combine(folder, $"burst-{index:D3}.onnx");
        var hidden = GeneratedMlp.HiddenFor(weightBytes);
        var seed = 1000 + index;
        var size = GeneratedMlp.Write(path, hidden, seed);
        return new BurstModel(path, size, GeneratedMlp.Reference(hidden, seed, GeneratedMlp.RequestValues()));
    }

    /// <summary>Largest absolute difference from the reference, or infinity when the shape is wrong.</summary>
    public double MaxError(ReadOnlySpan<float> actual)
    {
        if (actual.Length != Expected.Length)
        {
            return double.PositiveInfinity;
        }

        var worst = 0.0;
        for (var i = 0; i < actual.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(actual[i] - Expected[i]));
        }

        return worst;
    }
}
