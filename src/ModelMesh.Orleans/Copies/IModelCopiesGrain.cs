namespace ModelMesh.Orleans.Copies;

/// <summary>
/// Decides how many copies of one model exist (key: the model id). Routers report their load about once a second
/// and read the copy set back; the grain adds a copy when the load passes ModelMesh's thresholds (warmed before it
/// is routable) and retires copies above the first that got no request for the spare age.
/// </summary>
public interface IModelCopiesGrain : IGrainWithStringKey
{
    /// <summary>Records a router's load since its last report and answers the current copy set.</summary>
    Task<CopySet> ReportAsync(CopyLoadReport report);

    /// <summary>The current copy set.</summary>
    Task<CopySet> GetAsync();

    /// <summary>Forgets every copy (the model was unloaded or unregistered; the caller deactivates the copies).</summary>
    Task ResetAsync();
}
