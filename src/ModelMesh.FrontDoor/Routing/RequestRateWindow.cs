namespace ModelMesh.FrontDoor.Routing;

/// <summary>Requests per minute over a sliding one-minute window of 6 ten-second buckets.</summary>
public sealed class RequestRateWindow
{
    private const long BucketTicks = TimeSpan.TicksPerSecond * 10;
    private readonly long[] _counts = new long[6];
    private readonly long[] _bucketIds = new long[6];

    public void Record(DateTimeOffset now)
    {
        var id = now.UtcTicks / BucketTicks;
        var slot = (int)(id % _counts.Length);
        lock (_counts)
        {
            if (_bucketIds[slot] != id)
            {
                _bucketIds[slot] = id;
                _counts[slot] = 0;
            }

            _counts[slot]++;
        }
    }

    public double PerMinute(DateTimeOffset now)
    {
        var id = now.UtcTicks / BucketTicks;
        long total = 0;
        lock (_counts)
        {
            for (var i = 0; i < _counts.Length; i++)
            {
                if (id - _bucketIds[i] < _counts.Length)
                {
                    total += _counts[i];
                }
            }
        }

        return total;
    }
}
