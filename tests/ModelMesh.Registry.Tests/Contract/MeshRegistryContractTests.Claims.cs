using ModelMesh.Registry.Tests.Infrastructure;

namespace ModelMesh.Registry.Tests.Contract;

/// <summary>Load claims: invariant 4.</summary>
public abstract partial class MeshRegistryContractTests
{
    [Fact]
    public async Task ClaimLoadAsync_First_WinsWithExpiry()
    {
        await using var registry = await CreateRegistryAsync();
        var expected = Now + LongLease;
        var claim = await registry.ClaimLoadAsync("m1", "s1", Epoch1, LongLease);

        Assert.Equal(("m1", "s1", Epoch1), (claim.ModelId, claim.SiloId, claim.Epoch));
        Assert.InRange(claim.ExpiresAt, expected - TimeSpan.FromSeconds(5), expected + TimeSpan.FromSeconds(5));
        Assert.Equal(claim with { ExpiresAt = default }, (await registry.GetLoadClaimAsync("m1"))! with { ExpiresAt = default });
    }

    [Fact]
    public async Task ClaimLoadAsync_Second_GetsFirstClaim()
    {
        await using var registry = await CreateRegistryAsync();
        await registry.ClaimLoadAsync("m1", "s1", Epoch1, LongLease);

        var second = await registry.ClaimLoadAsync("m1", "s2", Epoch2, LongLease);

        Assert.Equal(("s1", Epoch1), (second.SiloId, second.Epoch));
    }

    [Fact]
    public async Task ClaimLoadAsync_Concurrent_ExactlyOneWinner()
    {
        await using var registry = await CreateRegistryAsync();
        var claims = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(i => registry.ClaimLoadAsync("m1", $"s{i}", Epoch1, LongLease)));

        Assert.Single(claims.Select(c => c.SiloId).Distinct());
    }

    [Fact]
    public async Task ReleaseLoadClaimAsync_NotHolder_ClaimStays()
    {
        await using var registry = await CreateRegistryAsync();
        await registry.ClaimLoadAsync("m1", "s1", Epoch1, LongLease);

        await registry.ReleaseLoadClaimAsync("m1", "s2", Epoch1);
        await registry.ReleaseLoadClaimAsync("m1", "s1", Epoch2);

        Assert.Equal("s1", (await registry.GetLoadClaimAsync("m1"))!.SiloId);
    }

    [Fact]
    public async Task ReleaseLoadClaimAsync_Holder_ClearedAndReclaimable()
    {
        await using var registry = await CreateRegistryAsync();
        await registry.ClaimLoadAsync("m1", "s1", Epoch1, LongLease);

        await registry.ReleaseLoadClaimAsync("m1", "s1", Epoch1);

        Assert.Null(await registry.GetLoadClaimAsync("m1"));
        Assert.Equal("s2", (await registry.ClaimLoadAsync("m1", "s2", Epoch1, LongLease)).SiloId);
    }

    [Fact]
    public async Task ClaimLoadAsync_AfterExpiry_NewClaimantWins()
    {
        await using var registry = await CreateRegistryAsync();
        await registry.ClaimLoadAsync("m1", "s1", Epoch1, ShortLease);
        PassTime(ShortLease);

        await Eventually.TrueAsync(async () => await registry.GetLoadClaimAsync("m1") is null, WaitLimit, "claim expires");
        Assert.Equal("s2", (await registry.ClaimLoadAsync("m1", "s2", Epoch2, LongLease)).SiloId);
    }

    [Fact]
    public async Task GetLoadClaimAsync_None_Null()
    {
        await using var registry = await CreateRegistryAsync();
        Assert.Null(await registry.GetLoadClaimAsync("m1"));
    }
}
