using ModelMesh.Placement.Tests.Simulation;
using Xunit.Abstractions;

namespace ModelMesh.Placement.Tests;

public sealed class ClusterSimulationTests(ITestOutputHelper output)
{
    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (var seed = 1; seed <= 50; seed++)
        {
            seeds.Add(seed);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Run_RandomTrace_InvariantsHoldAndEveryRequestIsServed(int seed)
    {
        var report = new ClusterSimulation(seed).Run(steps: 2000);

        output.WriteLine(report.ToString());
        Assert.Equal(report.Requests, report.Served + report.NotFound + report.TooLarge);
        Assert.True(report.Served > 0);
    }

    [Fact]
    public void Run_OneSeed_ExercisesEvictionScaleUpFailuresAndRejections()
    {
        var report = new ClusterSimulation(6).Run(steps: 2000);

        output.WriteLine(report.ToString());
        Assert.True(report.Evictions > 0 && report.ScaleUps > 0 && report.Kills > 0 && report.Refusals > 0);
        Assert.True(report.NotFound > 0 && report.TooLarge > 0);
    }

    [Fact]
    public void Run_SameSeed_SameReport()
    {
        Assert.Equal(new ClusterSimulation(7).Run(steps: 500), new ClusterSimulation(7).Run(steps: 500));
    }
}
