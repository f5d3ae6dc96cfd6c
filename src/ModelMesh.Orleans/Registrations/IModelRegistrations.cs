namespace ModelMesh.Orleans.Registrations;

/// <summary>
/// Where copies and the placement director look a model up. Called on activation and placement only (cold paths),
/// never per request; an implementation over the durable registry caches. Null: the model is not registered.
/// </summary>
public interface IModelRegistrations
{
    ValueTask<ModelRegistration?> FindAsync(string modelId, CancellationToken cancellationToken);
}
