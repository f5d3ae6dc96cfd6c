using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ModelMesh.Orleans.Tests;

/// <summary>
/// Makes an in-process silo's stop look like a kill -9 to the others. The test cluster's silos share one in-memory
/// membership table, and a silo stopped even "ungracefully" still writes itself Dead there, so the others re-place
/// its grains at once. This decorator (installed over the table the test cluster registers, once the container is
/// complete) drops every write of a crashed silo while telling it the write succeeded (so its stop does not retry
/// for minutes): it leaves without a word, its connections close (new calls to it fail fast), and the others keep
/// it Active until their probes declare it dead — as after a real kill -9.
/// A test double only because an in-process silo cannot be killed; it forwards to the real table otherwise.
/// </summary>
internal sealed class CrashableMembership(IMembershipTable inner) : IMembershipTable
{
    private volatile bool _crashed;

    /// <summary>From now on this silo reaches the membership table no more.</summary>
    public void Crash() => _crashed = true;

    public Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken) =>
        inner.InitializeMembershipTableAsync(tryInitTableVersion, cancellationToken);

    public Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken) =>
        _crashed ? Task.CompletedTask : inner.DeleteMembershipTableEntriesAsync(clusterId, cancellationToken);

    public Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken) => inner.ReadRowAsync(key, cancellationToken);

    public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken) => inner.ReadAllAsync(cancellationToken);

    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken) =>
        _crashed ? Task.FromResult(true) : inner.InsertRowAsync(entry, tableVersion, cancellationToken);

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken) =>
        _crashed ? Task.FromResult(true) : inner.UpdateRowAsync(entry, etag, tableVersion, cancellationToken);

    public Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken) =>
        _crashed ? Task.CompletedTask : inner.UpdateIAmAliveAsync(entry, cancellationToken);

    public Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken) =>
        _crashed ? Task.CompletedTask : inner.CleanupDefunctSiloEntriesAsync(beforeDate, cancellationToken);

    // The table interface's older members, still abstract in Orleans 10: the same calls without a cancellation token.
    public Task InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion, CancellationToken.None);

    public Task DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId, CancellationToken.None);

    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadRowAsync(key, CancellationToken.None);

    public Task<MembershipTableData> ReadAll() => ReadAllAsync(CancellationToken.None);

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion, CancellationToken.None);

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => UpdateRowAsync(entry, etag, tableVersion, CancellationToken.None);

    public Task UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry, CancellationToken.None);

    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate, CancellationToken.None);

    /// <summary>Installs the decorator over the last registered membership table when the silo's container is built.</summary>
    public static void Install(IHostApplicationBuilder host) => host.ConfigureContainer(new Factory());

    private sealed class Factory : IServiceProviderFactory<IServiceCollection>
    {
        public IServiceCollection CreateBuilder(IServiceCollection services)
        {
            var table = services.Last(d => d.ServiceType == typeof(IMembershipTable)).ImplementationInstance as IMembershipTable
                ?? throw new InvalidOperationException("the test cluster registers its membership table as an instance");
            services.AddSingleton(new CrashableMembership(table));
            services.AddSingleton<IMembershipTable>(sp => sp.GetRequiredService<CrashableMembership>());
            return services;
        }

        public IServiceProvider CreateServiceProvider(IServiceCollection containerBuilder) =>
            containerBuilder.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
