using ModelMesh.LoadGen.Load;

namespace ModelMesh.LoadGen.Tests;

public class ModelPickerTests
{
    [Fact]
    public void Zipf_One_FirstModelGetsHarmonicShare()
    {
        var picker = ModelPicker.Create("zipf:1.0", 1000, seed: 1);
        var counts = new int[1000];
        for (var i = 0; i < 200_000; i++)
        {
            counts[picker.Next()]++;
        }

        var harmonic = Enumerable.Range(1, 1000).Sum(k => 1.0 / k);
        Assert.InRange(counts[0] / 200_000.0, (1 / harmonic) * 0.95, (1 / harmonic) * 1.05);
        Assert.True(counts[0] > counts[1] && counts[1] > counts[9]);
    }

    [Fact]
    public void Cycle_GoesRoundInOrder()
    {
        var picker = ModelPicker.Create("cycle", 3, seed: 1);
        Assert.Equal([0, 1, 2, 0, 1], Enumerable.Range(0, 5).Select(_ => picker.Next()));
    }

    [Fact]
    public void Uniform_StaysInRange()
    {
        var picker = ModelPicker.Create("uniform", 7, seed: 3);
        Assert.All(Enumerable.Range(0, 1000).Select(_ => picker.Next()), i => Assert.InRange(i, 0, 6));
    }

    [Fact]
    public void Create_Unknown_Throws() => Assert.Throws<FormatException>(() => ModelPicker.Create("pareto", 3, 1));
}
