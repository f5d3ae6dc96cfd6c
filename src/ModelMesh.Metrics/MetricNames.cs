namespace ModelMesh.Metrics;

/// <summary>
/// The names of ModelMesh's metric families (docs/metrics.md has the table and what each measures). ModelMesh's stems
/// in base units; counters end in <c>_total</c>, gauges never.
/// </summary>
public static class MetricNames
{
    // Front door.
    public const string ApiRequest = "modelmesh_api_request_seconds";
    public const string RequestSize = "modelmesh_request_size_bytes";
    public const string ResponseSize = "modelmesh_response_size_bytes";
    public const string CacheMiss = "modelmesh_cache_miss_seconds";
    public const string ModelsManaged = "modelmesh_models_managed";
    public const string ApiRequestRetries = "modelmesh_api_request_retries_total";

    // Silo.
    public const string InvokeModel = "modelmesh_invoke_model_seconds";
    public const string RequestQueueDelay = "modelmesh_req_queue_delay_seconds";
    public const string LoadModel = "modelmesh_loadmodel_seconds";
    public const string LoadingQueueDelay = "modelmesh_loading_queue_delay_seconds";
    public const string LoadModelFailures = "modelmesh_loadmodel_failure_total";
    public const string UnloadModel = "modelmesh_unloadmodel_seconds";
    public const string UnloadModelFailures = "modelmesh_unloadmodel_failure_total";
    public const string AgeAtEviction = "modelmesh_age_at_eviction_seconds";
    public const string LoadedModelSize = "modelmesh_loaded_model_size_bytes";
    public const string ModelsLoaded = "modelmesh_models_loaded";
    public const string InstanceModels = "modelmesh_instance_models";
    public const string InstanceLruAge = "modelmesh_instance_lru_age_seconds";
    public const string InstanceCapacity = "modelmesh_instance_capacity_bytes";
    public const string InstanceUsed = "modelmesh_instance_used_bytes";

    /// <summary>Observations folded into a family's overflow series by its series cap, by family (<c>metric</c>).</summary>
    public const string SeriesFolded = "metrics_series_folded_total";
}
