using System.Globalization;
using ModelMesh.Client;
using ModelMesh.LoadGen.Scenarios;

namespace ModelMesh.LoadGen.Cluster;

/// <summary>
/// Picks the silo a kill-silo / stop-silo action acts on at the moment it runs. With <c>target: busiest</c> (the
/// default) it reads GET cluster and takes the active silo listing the most loaded copies (ties: the first by id), so
/// the action always takes models away; the scenario's <c>silo:</c> is the fallback when the cluster cannot be read.
/// With <c>target: named</c> the scenario's <c>silo:</c> is used as is. Against a real cluster the command may name the
/// chosen silo as <c>{silo}</c>; it also gets it in MODELMESH_SILO.
/// </summary>
public static class ActionTargeting
{
    public static async Task<(ActionSpec Action, string Chosen)> ResolveAsync(ActionSpec action, ModelMeshClient client, bool runsCommand, CancellationToken cancellationToken)
    {
        if (action.Kind is not ("kill-silo" or "stop-silo") || !action.Target.Equals("busiest", StringComparison.OrdinalIgnoreCase))
        {
            return (action, $"{action.Silo} (named)");
        }

        ModelMesh.Contracts.Management.ClusterStatus status;
        try
        {
            status = await client.GetClusterStatusAsync(TimeSpan.FromSeconds(5), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (action, $"{action.Silo} (named fallback: GET cluster failed: {ex.Message})");
        }

        var candidates = status.Silos
            .Where(s => !s.State.Equals("draining", StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(s => s.Models.Count)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .ToList();
        if (candidates.Count == 0)
        {
            return (action, $"{action.Silo} (named fallback: no active silo listed)");
        }

        var busiest = candidates[0];
        var copies = status.Silos.Sum(s => s.Models.Count);
        var others = string.Join(", ", status.Silos.OrderBy(s => s.Id, StringComparer.Ordinal).Select(s => $"{s.Id} {s.Models.Count}"));
        var chosen = new ActionSpec
        {
            At = action.At,
            Kind = action.Kind,
            Silo = busiest.Id,
            Target = action.Target,
            Command = action.Command?.Replace("{silo}", busiest.Id, StringComparison.Ordinal),
        };
        var said = string.Create(CultureInfo.InvariantCulture, $"{busiest.Id}, the busiest: {busiest.Models.Count} of {copies} loaded copies (copies per silo: {others})");
        if (runsCommand && action.Command is not null && !action.Command.Contains("{silo}", StringComparison.Ordinal))
        {
            said += "; the command does not use {silo}, so it acts on whatever it names";
        }

        return (chosen, said);
    }
}
