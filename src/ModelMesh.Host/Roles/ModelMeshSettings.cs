using Microsoft.Extensions.Configuration;
using ModelMesh.FrontDoor;
using ModelMesh.Placement;
using ModelMesh.Storage;

using ModelMesh.Serving.Grpc;

namespace ModelMesh.Host.Roles;

/// <summary>
/// Options classes read from environment variables (what Kubernetes manifests set), by their section names:
/// <c>ModelMesh__Placement__SpreadConcurrentLoads=false</c>, <c>ModelMesh__Silo__Cache__ChurnGuard=00:01:00</c>,
/// <c>ModelMesh__FrontDoor__MaxAttempts=5</c>. Command-line flags are applied after, so they win.
/// </summary>
public static class ModelMeshSettings
{
    private static readonly Lazy<IConfiguration> Environment = new(() => new ConfigurationBuilder().AddEnvironmentVariables().Build());

    /// <summary>Sets <paramref name="target"/>'s properties named under <paramref name="section"/>; a value that does not parse throws.</summary>
    public static T Bind<T>(T target, string section, IConfiguration? configuration = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(target);
        try
        {
            (configuration ?? Environment.Value).GetSection(section).Bind(target, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"configuration section {section}: {e.Message}", e);
        }

        return target;
    }

    /// <summary>
    /// Binds and validates every section a role reads, so a command can refuse bad settings with a message before it
    /// starts anything. Null when they are all usable.
    /// </summary>
    public static string? Check(IConfiguration? configuration = null)
    {
        try
        {
            Bind(new PlacementOptions(), PlacementOptions.SectionName, configuration).Validate();
            Bind(new CacheOptions(), CacheOptions.SectionName, configuration).Validate();
            Bind(new FrontDoorOptions(), FrontDoorOptions.SectionName, configuration);
            Bind(new GrpcOptions(), GrpcOptions.SectionName, configuration).Validate();
            var storage = new StorageOptionsValidator().Validate(null, Bind(new StorageOptions(), StorageOptions.SectionName, configuration));
            return storage.Failed ? storage.FailureMessage : null;
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }
}
