using ModelMesh.Contracts.Management;

namespace ModelMesh.ClusterTests.Fixtures;

/// <summary>Registers N copies of <c>simple</c> under their own ids and loads each with a first request.</summary>
internal static class SimpleCopies
{
    public static async Task<IReadOnlyList<string>> RegisterAndWarmAsync(ClusterProcesses cluster, TestModels models, string prefix, int count)
    {
        var ids = Enumerable.Range(1, count).Select(i => $"{prefix}-{i}").ToList();
        foreach (var id in ids)
        {
            await cluster.Client.RegisterModelAsync(id, "file://" + models.SamplePath("simple"));
        }

        foreach (var id in ids)
        {
            var response = await cluster.Client.InferAsync(TestModels.SimpleRequest(id, 5), TimeSpan.FromSeconds(60));
            Assert.Null(TestModels.CheckSimple(response, 5));
        }

        return ids;
    }

    /// <summary>The silo holding the most of <paramref name="ids"/> (as the registry says) and the models it holds.</summary>
    public static async Task<(string SiloId, List<string> Models)> BusiestSiloAsync(ClusterProcesses cluster, IReadOnlyList<string> ids)
    {
        var status = await Eventually.MatchesAsync(
            () => cluster.Client.GetClusterStatusAsync(),
            s => ids.All(id => s.Silos.Any(silo => silo.Models.Contains(id))),
            TimeSpan.FromSeconds(20),
            s => $"every model should be loaded somewhere: {Describe(s)}");
        var busiest = status.Silos.OrderByDescending(s => s.Models.Count(ids.Contains)).First();
        return (busiest.Id, busiest.Models.Where(ids.Contains).ToList());
    }

    public static string Describe(ClusterStatus status) => string.Join("; ", status.Silos.OrderBy(s => s.Id, StringComparer.Ordinal)
        .Select(s => $"{s.Id} [{s.State}]: {string.Join(",", s.Models)}")) + (status.Degraded ? " (degraded)" : "");
}
