namespace ModelMesh.Metrics;

/// <summary>A monotonically increasing value. Integer increments are one Interlocked add; fractional ones a CAS loop.</summary>
public sealed class Counter
{
    private long _whole;
    private double _fraction;

    public double Value => Volatile.Read(ref _whole) + Volatile.Read(ref _fraction);

    public void Inc() => Interlocked.Increment(ref _whole);

    public void Inc(long amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        Interlocked.Add(ref _whole, amount);
    }

    public void Inc(double amount)
    {
        if (!(amount >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "a counter only goes up");
        }

        AtomicDouble.Add(ref _fraction, amount);
    }
}
