using ModelMesh.Contracts.Management;
using ModelMesh.FrontDoor.Routing;
using ModelMesh.Orleans.Board;
using ModelMesh.Orleans.Cache;
using ModelMesh.Orleans.Copies;

namespace ModelMesh.FrontDoor.Management;

/// <summary>Summarises a model's copies on the board into the management status (LOADED beats LOADING beats LOADING_FAILED).</summary>
public static class ModelStatusReader
{
    /// <param name="answered">
    /// A copy that has just answered a load: it is listed as loaded even when its silo's publication (sent on change,
    /// at most a second later) still shows it loading or not at all.
    /// </param>
    public static ModelStatusInfo Build(string modelId, CopyBoardView copies, int failedCopiesForLoadingFailed, CopyStatus? answered = null)
    {
        var info = new ModelStatusInfo { ModelId = modelId, Status = ModelStatus.NotLoaded };
        int loaded = 0, loading = 0, failed = 0;
        var listed = copies.CopiesOf(modelId);
        if (answered is { State: CopyState.Loaded })
        {
            var name = copies.SiloName(answered.Silo);
            var published = listed.FirstOrDefault(c => c.Silo == name).Copy;
            listed = [.. listed.Where(c => c.Silo != name), (name, new CopyView
            {
                Key = published?.Key ?? modelId,
                ModelId = modelId,
                State = CopyStateName.Loaded,
                Device = answered.Device,
                SizeBytes = answered.SizeBytes,
                Since = published?.Since ?? DateTimeOffset.UtcNow,
            })];
        }

        foreach (var (silo, copy) in listed.OrderBy(c => c.Silo, StringComparer.Ordinal))
        {
            info.Copies.Add(new ModelCopyInfo
            {
                Silo = silo,
                State = copy.State.ToString().ToLowerInvariant(),
                SinceUnixMs = copy.Since.ToUnixTimeMilliseconds(),
                SizeBytes = copy.SizeBytes,
                Device = copy.Device,
            });
            switch (copy.State)
            {
                case CopyStateName.Loaded:
                    loaded++;
                    break;
                case CopyStateName.Loading:
                    loading++;
                    break;
                default:
                    failed++;
                    info.Errors.Add($"{silo}: {copy.Error}");
                    break;
            }
        }

        if (loaded == 0 && copies.IsLoaded(modelId))
        {
            loaded = 1; // answered a moment ago; the silo's publication is on its way
        }

        info.Status = loaded > 0 ? ModelStatus.Loaded
            : loading > 0 ? ModelStatus.Loading
            : failed > 0 && (failed >= failedCopiesForLoadingFailed || failed >= copies.ModelSilos) ? ModelStatus.LoadingFailed
            : ModelStatus.NotLoaded;
        return info;
    }
}
