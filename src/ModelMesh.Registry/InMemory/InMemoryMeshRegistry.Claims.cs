namespace ModelMesh.Registry;

/// <summary>
/// Load claims (invariant 4): the first claim wins until it expires on the <see cref="TimeProvider"/> clock
/// or its holder (same silo and epoch) releases it; a crashed loader therefore blocks nobody past the ttl.
/// </summary>
public sealed partial class InMemoryMeshRegistry
{
    private readonly Dictionary<string, LoadClaim> _claims = new(StringComparer.Ordinal);

    public Task<LoadClaim> ClaimLoadAsync(string modelId, string siloId, long epoch, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_claims.TryGetValue(modelId, out var current) && current.ExpiresAt > now)
            {
                return Task.FromResult(current);
            }

            var claim = new LoadClaim(modelId, siloId, epoch, now + ttl);
            _claims[modelId] = claim;
            _events.Append(RegistryEventKind.ClaimChanged, modelId, siloId);
            return Task.FromResult(claim);
        }
    }

    public Task<LoadClaim?> GetLoadClaimAsync(string modelId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var live = _claims.TryGetValue(modelId, out var claim) && claim.ExpiresAt > _time.GetUtcNow();
            return Task.FromResult(live ? claim : null);
        }
    }

    public Task ReleaseLoadClaimAsync(string modelId, string siloId, long epoch, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_claims.TryGetValue(modelId, out var claim))
            {
                return Task.CompletedTask;
            }

            if (claim.ExpiresAt <= _time.GetUtcNow())
            {
                _claims.Remove(modelId);
            }
            else if (claim.SiloId == siloId && claim.Epoch == epoch)
            {
                _claims.Remove(modelId);
                _events.Append(RegistryEventKind.ClaimChanged, modelId, siloId);
            }

            return Task.CompletedTask;
        }
    }
}
