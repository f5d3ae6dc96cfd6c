using ModelMesh.Contracts.Management;

namespace ModelMesh.Serving;

/// <summary>The names model states travel under in REST bodies and CLI output (NOT_LOADED, LOADING, LOADED...).</summary>
public static class ModelStatusNames
{
    public static string Of(ModelStatus status) => status switch
    {
        ModelStatus.NotFound => "NOT_FOUND",
        ModelStatus.Loading => "LOADING",
        ModelStatus.Loaded => "LOADED",
        ModelStatus.LoadingFailed => "LOADING_FAILED",
        _ => "NOT_LOADED",
    };
}
