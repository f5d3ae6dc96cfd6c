using ModelMesh.Contracts.Management;
using ModelMesh.FrontDoor.Routing;
using ModelMesh.Registry;

namespace ModelMesh.FrontDoor.Management;

/// <summary>Summarises a model's live copies into the management status (LOADED beats LOADING beats LOADING_FAILED).</summary>
public static class ModelStatusReader
{
    public static ModelStatusInfo Build(string modelId, IReadOnlyList<CopyRecord> copies, RoutingTable table, int failedCopiesForLoadingFailed)
    {
        var info = new ModelStatusInfo { ModelId = modelId, Status = ModelStatus.NotLoaded };
        int loaded = 0, loading = 0, failed = 0;
        foreach (var copy in copies)
        {
            if (table.LiveSilo(copy) is null)
            {
                continue;
            }

            info.Copies.Add(new ModelCopyInfo
            {
                Silo = copy.SiloId,
                State = copy.State.ToString().ToLowerInvariant(),
                SinceUnixMs = copy.Since.ToUnixTimeMilliseconds(),
                SizeBytes = copy.SizeBytes,
                Device = copy.Device,
            });
            switch (copy.State)
            {
                case CopyState.Loaded:
                    loaded++;
                    break;
                case CopyState.Loading:
                    loading++;
                    break;
                default:
                    failed++;
                    info.Errors.Add($"{copy.SiloId}: {copy.Error}");
                    break;
            }
        }

        info.Status = loaded > 0 ? ModelStatus.Loaded
            : loading > 0 ? ModelStatus.Loading
            : failed > 0 && (failed >= failedCopiesForLoadingFailed || failed >= table.Silos.Count) ? ModelStatus.LoadingFailed
            : ModelStatus.NotLoaded;
        return info;
    }
}
