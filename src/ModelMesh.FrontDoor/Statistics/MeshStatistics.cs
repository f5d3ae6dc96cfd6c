using Microsoft.Extensions.Logging;
using ModelMesh.Contracts.Inference;
using ModelMesh.FrontDoor.Routing;
using ModelMesh.Orleans.Board;
using ModelMesh.Registry;
using ModelMesh.Serving.Statistics;
using Orleans.Runtime;

namespace ModelMesh.FrontDoor.Statistics;

/// <summary>
/// The statistics extension at the front door: a model's statistics are the sum over the silos of what each counted
/// when it ran the model (every copy it held, loaded and evicted, since the silo started). Every live silo is asked,
/// since one that no longer holds a copy still holds the counts of the copies it had; a silo that does not answer
/// within <see cref="SiloTimeout"/> is left out of the sum, not an error. Counts of silos that left the mesh are gone.
/// </summary>
public sealed partial class MeshStatistics(
    RegistrationView view, InferenceRouter router, CapacityBoard board, CapacityBoardClient silos, ILogger<MeshStatistics> logger)
{
    /// <summary>How long a silo may take to answer before it is left out of the sum.</summary>
    public static readonly TimeSpan SiloTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Statistics of the named model (a vmodel or model id, and optionally a version), reported under the requested
    /// name; of every registered model, under its id, when <paramref name="name"/> is null. Unknown model: NOT_FOUND.
    /// </summary>
    public async Task<ModelStatisticsResponse> GetAsync(string? name, string? version, CancellationToken cancellationToken)
    {
        var totals = new Dictionary<string, ModelStatistics>(StringComparer.Ordinal);
        var response = new ModelStatisticsResponse();
        var request = new List<string>();
        if (name is not null)
        {
            var model = await router.ResolveAsync(name, version, cancellationToken);
            response.ModelStats.Add(totals[model.ModelId] = ModelStatisticsCounters.Empty(name, VersionOf(model)));
            request.Add(model.ModelId);
        }
        else
        {
            foreach (var model in view.Models.OrderBy(m => m.ModelId, StringComparer.Ordinal))
            {
                response.ModelStats.Add(totals[model.ModelId] = ModelStatisticsCounters.Empty(model.ModelId, VersionOf(model)));
            }
        }

        var ids = request.ToArray();
        var answers = await Task.WhenAll(board.Snapshot().Where(s => s.HoldsModels).Select(silo => AskAsync(silo, ids, cancellationToken)));
        foreach (var answer in answers)
        {
            foreach (var part in answer?.ModelStats ?? [])
            {
                if (totals.TryGetValue(part.Name, out var total))
                {
                    ModelStatisticsSum.Add(total, part);
                }
            }
        }

        return response;
    }

    private static string VersionOf(ModelRecord model) => model.Version ?? "1";

    private async Task<ModelStatisticsResponse?> AskAsync(SiloCapacity silo, string[] modelIds, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await silos.On(silo.Silo).GetStatisticsAsync(modelIds).WaitAsync(SiloTimeout, cancellationToken);
            return ModelStatisticsResponse.Parser.ParseFrom(bytes);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && (e is TimeoutException or OrleansException))
        {
            LogSiloSkipped(logger, silo.Name, e.Message);
            return null;
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Statistics leave out silo {SiloId}, which did not answer: {Detail}")]
    private static partial void LogSiloSkipped(ILogger logger, string siloId, string detail);
}
