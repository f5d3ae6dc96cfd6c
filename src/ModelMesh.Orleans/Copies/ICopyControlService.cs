using Orleans.Services;

namespace ModelMesh.Orleans.Copies;

/// <summary>
/// Per-silo control of the copies activated there (a GrainService, addressed by silo). Deactivating through the silo
/// never activates a copy, unlike a call to the copy grain itself would.
/// </summary>
public interface ICopyControlService : IGrainService
{
    /// <summary>Deactivates this silo's copies of <paramref name="modelId"/>: copy number <paramref name="copy"/>, or all when it is negative. Answers how many.</summary>
    Task<int> DeactivateAsync(string modelId, int copy);
}
