namespace ModelMesh.ClusterTests.Fixtures;

/// <summary>Bounded polling for conditions that become true by real time (leases, restarts, loads).</summary>
internal static class Eventually
{
    public static async Task<T> MatchesAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan timeout, Func<T, string> because, int pollMs = 250)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"not true within {timeout}: {because(value)}");
            }

            await Task.Delay(pollMs);
        }
    }
}
