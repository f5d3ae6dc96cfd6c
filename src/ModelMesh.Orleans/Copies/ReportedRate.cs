namespace ModelMesh.Orleans.Copies;

/// <summary>Requests per minute of one model, summed over the reports of the last minute (not thread-safe: one grain owns it).</summary>
internal sealed class ReportedRate
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Queue<(DateTimeOffset At, long Requests)> _reports = new();
    private long _total;

    public void Add(DateTimeOffset now, long requests)
    {
        Trim(now);
        if (requests > 0)
        {
            _reports.Enqueue((now, requests));
            _total += requests;
        }
    }

    public double PerMinute(DateTimeOffset now)
    {
        Trim(now);
        return _total;
    }

    private void Trim(DateTimeOffset now)
    {
        while (_reports.TryPeek(out var oldest) && now - oldest.At >= Window)
        {
            _total -= _reports.Dequeue().Requests;
        }
    }
}
