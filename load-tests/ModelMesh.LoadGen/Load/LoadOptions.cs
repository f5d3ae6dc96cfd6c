namespace ModelMesh.LoadGen.Load;

/// <summary>How load is offered: open loop at a rate or closed loop at a concurrency, over warm-up then the measured window.</summary>
public sealed record LoadOptions(
    LoadMode Mode,
    double Rate,
    int Concurrency,
    TimeSpan Warmup,
    TimeSpan Duration,
    TimeSpan Deadline,
    int MaxInFlight)
{
    public string Describe() => Mode == LoadMode.Open
        ? $"open loop at {Rate:0.#} req/s (max {MaxInFlight} in flight), warm-up {Warmup.TotalSeconds:0.#} s, measured {Duration.TotalSeconds:0.#} s, deadline {Deadline.TotalSeconds:0.###} s"
        : $"closed loop, {Concurrency} workers, warm-up {Warmup.TotalSeconds:0.#} s, measured {Duration.TotalSeconds:0.#} s, deadline {Deadline.TotalSeconds:0.###} s";
}
