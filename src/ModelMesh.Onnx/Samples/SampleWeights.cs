namespace ModelMesh.Onnx;

/// <summary>Deterministic pseudo-random weights: the same seed gives the same floats on every run and machine.</summary>
internal static class SampleWeights
{
    /// <summary><paramref name="count"/> floats uniform in [-scale, scale) from a seeded <see cref="Random"/>.</summary>
    public static float[] Uniform(int seed, int count, float scale)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = ((random.NextSingle() * 2f) - 1f) * scale;
        }

        return values;
    }
}
