using ModelMesh.Client;
using Grpc.Core;

namespace ModelMesh.LoadGen.Setup;

/// <summary>Registers models through the management API (gRPC), 16 at a time; an id already registered with the same attributes is fine.</summary>
public static class ModelRegistrar
{
    public static async Task<int> RegisterAsync(ModelMeshClient client, IReadOnlyList<(string Id, string Path)> models, CancellationToken cancellationToken)
    {
        var registered = 0;
        await Parallel.ForEachAsync(models, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (m, ct) =>
        {
            try
            {
                await client.RegisterModelAsync(m.Id, new Uri(m.Path).AbsoluteUri, cancellationToken: ct);
                Interlocked.Increment(ref registered);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.AlreadyExists)
            {
            }
        });
        return registered;
    }
}
