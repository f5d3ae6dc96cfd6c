namespace ModelMesh.Silo.Tests;

public sealed class ThreadPoolHeadroomTests
{
    [Fact]
    public void ReserveThenRelease_RaisesTheMinimumAboveTheCoresAndRestoresIt()
    {
        ThreadPool.GetMinThreads(out var before, out _);

        ThreadPoolHeadroom.Reserve(6);
        ThreadPool.GetMinThreads(out var reserved, out _);
        using (new RunLimiter(4))
        {
            ThreadPool.GetMinThreads(out var withLimiter, out _);
            Assert.Equal(reserved + 4, withLimiter);
        }

        ThreadPool.GetMinThreads(out var afterLimiter, out _);
        ThreadPoolHeadroom.Release(6);
        ThreadPool.GetMinThreads(out var after, out _);

        Assert.True(reserved >= Environment.ProcessorCount + 6, $"min {reserved} with 6 reserved on {Environment.ProcessorCount} cores");
        Assert.Equal(reserved, afterLimiter);
        Assert.Equal(before, after);
    }
}
