namespace ModelMesh.Testing;

/// <summary>
/// Bounded polling: waits until a condition holds or a timeout passes, then throws naming what was awaited.
/// Tests assert with this, never with a fixed sleep.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public static Task Until(Func<bool> condition, TimeSpan timeout, string what) =>
        Until(() => Task.FromResult(condition()), timeout, what);

    public static async Task Until(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition())
            {
                return;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:0.#} s waiting until {what}");
            }

            await Task.Delay(Poll);
        }
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value, then returns it.</summary>
    public static async Task<T> Value<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        T? value = null;
        await Until(async () => (value = await probe()) is not null, timeout, what);
        return value!;
    }
}
