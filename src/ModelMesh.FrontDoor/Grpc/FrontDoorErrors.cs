using Grpc.Core;
using ModelMesh.Registry;
using ModelMesh.Serving;

namespace ModelMesh.FrontDoor.Grpc;

/// <summary>Maps the front door's expected failures to gRPC statuses: serving errors as they are, an unreachable registry as UNAVAILABLE.</summary>
public static class FrontDoorErrors
{
    public static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ServingException e)
        {
            throw new RpcException(new Status(e.Code, e.Message));
        }
        catch (RegistryUnavailableException e)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "registry unavailable: " + e.Message));
        }
    }

    /// <summary>The same mapping for REST: a <see cref="ServingException"/> the endpoints turn into {"error"} bodies.</summary>
    public static ServingException ToServing(RegistryUnavailableException e) =>
        new(StatusCode.Unavailable, "registry unavailable: " + e.Message);
}
