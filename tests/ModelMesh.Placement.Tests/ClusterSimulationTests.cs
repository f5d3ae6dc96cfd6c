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
    public void Run_SameSeed_SameReport()
    {
        Assert.Equal(new ClusterSimulation(7).Run(steps: 500), new ClusterSimulation(7).Run(steps: 500));
    }
}
