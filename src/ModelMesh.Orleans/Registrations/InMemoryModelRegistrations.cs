using System.Collections.Concurrent;

namespace ModelMesh.Orleans.Registrations;

/// <summary>Registrations held in memory (one process: dev, tests). Thread-safe; one instance may be shared by every silo of a process.</summary>
public sealed class InMemoryModelRegistrations : IModelRegistrations
{
    private readonly ConcurrentDictionary<string, ModelRegistration> _models = new(StringComparer.Ordinal);

    public void Register(ModelRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        _models[registration.ModelId] = registration;
    }

    public ValueTask<ModelRegistration?> FindAsync(string modelId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_models.TryGetValue(modelId, out var registration) ? registration : null);
}
