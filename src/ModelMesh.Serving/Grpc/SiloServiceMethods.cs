using ModelMesh.Contracts.Silo;
using ModelMesh.Grpc;

namespace ModelMesh.Serving.Grpc;

/// <summary>Method descriptors of the silo's internal <c>modelmesh.silo.v1.Silo</c> service, and the headers front doors send with inference.</summary>
public static class SiloServiceMethods
{
    public const string ServiceName = "modelmesh.silo.v1.Silo";

    /// <summary>Header naming the resolved model id (the request's model_name may be a vmodel alias).</summary>
    public const string ModelIdHeader = "mm-model-id";

    /// <summary>Header "1": the silo may load the model to answer (the front door placed it there).</summary>
    public const string LoadIfAbsentHeader = "mm-load-if-absent";

    /// <summary>
    /// <see cref="LoadIfAbsentHeader"/> value for a last-resort placement (every silo is full of recently used
    /// copies): the silo may evict copies inside its churn guard rather than refuse.
    /// </summary>
    public const string LoadEvictingRecent = "evict-recent";

    public static readonly Method<LoadModelRequest, LoadModelResponse> LoadModel = ProtobufMethod.Create<LoadModelRequest, LoadModelResponse>(ServiceName, "LoadModel");
    public static readonly Method<UnloadModelRequest, UnloadModelResponse> UnloadModel = ProtobufMethod.Create<UnloadModelRequest, UnloadModelResponse>(ServiceName, "UnloadModel");
    public static readonly Method<GetSiloStatusRequest, GetSiloStatusResponse> GetStatus = ProtobufMethod.Create<GetSiloStatusRequest, GetSiloStatusResponse>(ServiceName, "GetStatus");
    public static readonly Method<GetSiloStatisticsRequest, GetSiloStatisticsResponse> GetStatistics = ProtobufMethod.Create<GetSiloStatisticsRequest, GetSiloStatisticsResponse>(ServiceName, "GetStatistics");
}
