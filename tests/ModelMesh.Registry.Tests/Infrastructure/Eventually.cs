namespace ModelMesh.Registry.Tests.Infrastructure;

/// <summary>Bounded polling for conditions that become true by real time (Redis expiry, restarts).</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition())
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"not true within {timeout}: {because}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Reads <paramref name="count"/> items or fails after <paramref name="timeout"/>.</summary>
    public static async Task<List<T>> TakeAsync<T>(Func<CancellationToken, IAsyncEnumerable<T>> source, int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var items = new List<T>(count);
        try
        {
            await foreach (var item in source(cts.Token).WithCancellation(cts.Token))
            {
                items.Add(item);
                if (items.Count == count)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            Assert.Fail($"got {items.Count} of {count} items within {timeout}");
        }

        return items;
    }
}
