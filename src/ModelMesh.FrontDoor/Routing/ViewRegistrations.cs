using ModelMesh.Orleans.Registrations;
using ModelMesh.Registry;

namespace ModelMesh.FrontDoor.Routing;

/// <summary>
/// Where this process's copies look a model up when they activate: the local <see cref="RegistrationView"/> (so a cold
/// load needs no registry round trip, and a known model still loads while Redis is down), else the registry for a
/// model registered a moment ago.
/// </summary>
public sealed class ViewRegistrations(RegistrationView view, IMeshRegistry registry) : IModelRegistrations
{
    public async ValueTask<ModelRegistration?> FindAsync(string modelId, CancellationToken cancellationToken)
    {
        var model = view.FindModel(modelId);
        if (model is null && !view.Degraded)
        {
            try
            {
                model = await registry.GetModelAsync(modelId, cancellationToken);
            }
            catch (RegistryUnavailableException)
            {
                model = null;
            }
        }

        return model is null ? null : new ModelRegistration(
            model.ModelId, model.StorageUri, model.SizeHintBytes, model.DeviceClass, model.Version ?? "1", model.StorageKey);
    }
}
