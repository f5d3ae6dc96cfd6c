using System.Collections.Concurrent;

namespace ModelMesh.Grpc.Tests;

/// <summary>Lets a test observe a server handler: when it started, and whether its cancellation token fired.</summary>
internal sealed class CallProbe
{
    private static readonly ConcurrentDictionary<string, CallProbe> Probes = new();

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource TokenFired { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DateTime Deadline { get; set; }

    public static (string Id, CallProbe Probe) Create()
    {
        var id = Guid.NewGuid().ToString("N");
        var probe = new CallProbe();
        Probes[id] = probe;
        return (id, probe);
    }

    public static CallProbe Get(string id) => Probes.GetOrAdd(id, _ => new CallProbe());
}
