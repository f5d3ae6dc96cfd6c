using System.Reflection;
using ModelMesh.Contracts.Inference;
using Grpc.Core;
using ModelMesh.Onnx;
using ModelMesh.Serving;
using ModelMesh.Serving.Statistics;
using ModelMesh.Silo.Repository;

namespace ModelMesh.Silo;

/// <summary>
/// <see cref="IInferenceServer"/> over this process's <see cref="LocalModelRepository"/>: resolves the model and
/// version, validates the request against the model's signature, runs ONNX Runtime under the run limiter.
/// </summary>
public sealed class LocalInferenceServer(LocalModelRepository repository, RunLimiter runLimiter, InferenceStatistics statistics) : IInferenceServer
{
    private static readonly string ServerVersion =
        typeof(LocalInferenceServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public bool IsReady { get; set; } = true;

    public ServerMetadataResponse GetServerMetadata() => new()
    {
        Name = "modelmesh",
        Version = ServerVersion,
        Extensions = { "model_repository", "statistics" },
    };

    public ValueTask<bool> IsModelReadyAsync(string name, string? version, CancellationToken cancellationToken) =>
        ValueTask.FromResult(repository.Resolve(name, version).State == ModelState.Ready);

    public ValueTask<ModelMetadataResponse> GetModelMetadataAsync(string name, string? version, CancellationToken cancellationToken)
    {
        var model = repository.Find(name);
        var resolved = repository.Resolve(name, version);
        var signature = resolved.Signature
            ?? throw ServingException.Unavailable($"model '{name}' version '{resolved.VersionText}' has not been loaded yet; load it first");
        var response = ModelMetadataBuilder.Build(name, model.Versions.Select(v => v.VersionText), signature);
        return ValueTask.FromResult(response);
    }

    public ValueTask<ModelSignature> GetModelSignatureAsync(string name, string? version, CancellationToken cancellationToken)
    {
        var resolved = repository.Resolve(name, version);
        return ValueTask.FromResult(resolved.Signature
            ?? throw ServingException.Unavailable($"model '{name}' version '{resolved.VersionText}' has not been loaded yet; load it first"));
    }

    public async ValueTask<ModelInferResponse> InferAsync(ModelInferRequest request, CancellationToken cancellationToken)
    {
        var version = repository.Resolve(request.ModelName, request.ModelVersion.Length == 0 ? null : request.ModelVersion);
        var session = version.Session;
        if (session is null || !session.TryAcquire())
        {
            var reason = version.State == ModelState.Failed ? $": load failed: {version.Error}" : $" (state {version.State})";
            throw ServingException.Unavailable($"model '{version.ModelName}' version '{version.VersionText}' is not ready{reason}");
        }

        try
        {
            return await SessionInference.InferAsync(
                session, request, version.ModelName, version.VersionText, runLimiter, statistics, version.ModelName, cancellationToken);
        }
        finally
        {
            session.Release();
        }
    }

    public ValueTask<RepositoryIndexResponse> GetRepositoryIndexAsync(bool readyOnly, CancellationToken cancellationToken)
    {
        repository.Refresh();
        var index = new RepositoryIndexResponse();
        foreach (var model in repository.Models)
        {
            foreach (var version in model.Versions)
            {
                if (readyOnly && version.State != ModelState.Ready)
                {
                    continue;
                }

                index.Models.Add(new RepositoryIndexResponse.Types.ModelIndex
                {
                    Name = model.Name,
                    Version = version.VersionText,
                    State = StateName(version.State),
                    Reason = version.Error ?? "",
                });
            }
        }

        return ValueTask.FromResult(index);
    }

    public async ValueTask LoadModelAsync(string name, CancellationToken cancellationToken)
    {
        var model = await repository.LoadAsync(name, cancellationToken);
        foreach (var version in model.Versions)
        {
            if (version.State == ModelState.Failed)
            {
                throw new ServingException(StatusCode.Internal,
                    $"failed to load model '{name}' version '{version.VersionText}': {version.Error}");
            }
        }
    }

    public async ValueTask UnloadModelAsync(string name, CancellationToken cancellationToken) =>
        await repository.UnloadAsync(name, cancellationToken);

    /// <summary>Every version of the named models (of every model when no name), zeros for versions that have not run.</summary>
    public ValueTask<ModelStatisticsResponse> GetModelStatisticsAsync(string? name, string? version, CancellationToken cancellationToken)
    {
        var response = new ModelStatisticsResponse();
        if (name is not null && version is not null)
        {
            var resolved = repository.Resolve(name, version);
            response.ModelStats.Add(statistics.Snapshot(resolved.ModelName, resolved.VersionText));
            return ValueTask.FromResult(response);
        }

        if (name is null)
        {
            repository.Refresh();
        }

        foreach (var model in name is null ? repository.Models : [repository.Find(name)])
        {
            foreach (var v in model.Versions)
            {
                response.ModelStats.Add(statistics.Snapshot(model.Name, v.VersionText));
            }
        }

        return ValueTask.FromResult(response);
    }

    private static string StateName(ModelState state) => state switch
    {
        ModelState.Ready => "READY",
        ModelState.Loading => "LOADING",
        ModelState.Failed => "UNAVAILABLE",
        _ => "UNAVAILABLE",
    };
}
