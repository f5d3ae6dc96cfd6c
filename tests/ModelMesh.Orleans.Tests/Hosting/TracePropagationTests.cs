using System.Collections.Concurrent;
using System.Diagnostics;
using ModelMesh.Orleans.Hosting;

namespace ModelMesh.Orleans.Tests.Hosting;

/// <summary>
/// Traces cross the hop between two silos (real loopback TCP): with <see cref="ObservabilitySiloBuilderExtensions.AddModelMeshObservability"/>
/// the grain-side activity (Kind Server) shares the caller's trace id and its parent is the caller-side Orleans activity, itself a child
/// of the activity the test started around the call. Without it the grain runs outside the trace (the check can fail).
/// </summary>
public sealed class TracePropagationTests : IDisposable
{
    private readonly ActivitySource _caller = new("ModelMesh.Tests.Caller"); // created before the listener, so the listener sees it
    private readonly ConcurrentQueue<Activity> _started = new();
    private readonly ActivityListener _listener;

    public TracePropagationTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source == _caller || OrleansTelemetry.ActivitySourceNames.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = _started.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _caller.Dispose();
    }

    [Fact]
    public async Task The_grain_side_activity_is_a_child_of_the_callers_trace()
    {
        var clusterId = "trace-" + Guid.NewGuid().ToString("N")[..8];
        await using var a = await LoopbackSilo.StartAsync(clusterId, null, s => s.AddModelMeshObservability().AddModelMeshObservability());
        await using var b = await LoopbackSilo.StartAsync(clusterId, a.SiloEndpoint, s => s.AddModelMeshObservability());
        await a.Grains.GetGrain<IHopGrain>("traced").WhereAsync(); // activate on A

        HopAnswer answer;
        ActivityTraceId traceId;
        using (var root = _caller.StartActivity("request")!)
        {
            traceId = root.TraceId;
            answer = await b.Grains.GetGrain<IHopGrain>("traced").WhereAsync(); // B -> A
        }

        Assert.Equal(a.Address, answer.Silo);
        Assert.Equal(traceId.ToString(), answer.TraceId);
        var inTrace = _started.Where(x => x.TraceId == traceId).ToList();
        var rootSpan = Assert.Single(inTrace, x => x.Source == _caller);
        var client = Assert.Single(inTrace, x => x.Kind == ActivityKind.Client && x.OperationName.Contains(nameof(IHopGrain), StringComparison.Ordinal));
        var server = Assert.Single(inTrace, x => x.Kind == ActivityKind.Server && x.OperationName.Contains(nameof(IHopGrain), StringComparison.Ordinal));
        Assert.Equal(rootSpan.SpanId, client.ParentSpanId);
        Assert.Equal(client.SpanId, server.ParentSpanId);
        Assert.Equal("Microsoft.Orleans.Application", server.Source.Name);
    }

    [Fact]
    public async Task Without_propagation_the_grain_runs_outside_the_callers_trace()
    {
        var clusterId = "notrace-" + Guid.NewGuid().ToString("N")[..8];
        await using var a = await LoopbackSilo.StartAsync(clusterId, null);
        await using var b = await LoopbackSilo.StartAsync(clusterId, a.SiloEndpoint);
        await a.WaitForActiveSilosAsync(2);
        await b.WaitForActiveSilosAsync(2);
        await a.Grains.GetGrain<IHopGrain>("untraced").WhereAsync();

        using var root = _caller.StartActivity("request")!;
        var answer = await b.Grains.GetGrain<IHopGrain>("untraced").WhereAsync();

        Assert.Equal(a.Address, answer.Silo);
        Assert.NotEqual(root.TraceId.ToString(), answer.TraceId);
        Assert.DoesNotContain(_started, x => x.TraceId == root.TraceId && x.Kind == ActivityKind.Server);
    }
}
