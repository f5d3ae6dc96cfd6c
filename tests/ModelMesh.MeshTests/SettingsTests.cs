using Microsoft.Extensions.Configuration;
using ModelMesh.FrontDoor;
using ModelMesh.Host.Roles;
using ModelMesh.Placement;

namespace ModelMesh.MeshTests;

/// <summary>Options from configuration (environment variables in a deployment): section names and values bind; mistakes are named.</summary>
public sealed class SettingsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Bind_SectionsOfEachRole_SetTheirOptions()
    {
        var config = Config(
            ("ModelMesh:Placement:SpreadConcurrentLoads", "false"),
            ("ModelMesh:Placement:InFlightPerCopyThreshold", "4"),
            ("ModelMesh:Silo:Cache:ChurnGuard", "00:02:00"),
            ("ModelMesh:FrontDoor:MaxAttempts", "7"));

        var placement = ModelMeshSettings.Bind(new PlacementOptions(), PlacementOptions.SectionName, config);
        var cache = ModelMeshSettings.Bind(new CacheOptions(), CacheOptions.SectionName, config);
        var frontDoor = ModelMeshSettings.Bind(new FrontDoorOptions(), FrontDoorOptions.SectionName, config);

        Assert.False(placement.SpreadConcurrentLoads);
        Assert.Equal(4, placement.InFlightPerCopyThreshold);
        Assert.Equal(TimeSpan.FromMinutes(2), cache.ChurnGuard);
        Assert.Equal(7, frontDoor.MaxAttempts);
        Assert.Null(ModelMeshSettings.Check(config));
    }

    [Fact]
    public void Bind_NothingSet_DefaultsStay()
    {
        var placement = ModelMeshSettings.Bind(new PlacementOptions(), PlacementOptions.SectionName, Config());

        Assert.True(placement.SpreadConcurrentLoads);
        Assert.Equal(new PlacementOptions().InFlightPerCopyThreshold, placement.InFlightPerCopyThreshold);
    }

    [Theory]
    [InlineData("ModelMesh:Placement:SpreadConcurrentLoad", "false", "SpreadConcurrentLoad")]
    [InlineData("ModelMesh:Silo:Cache:ChurnGuard", "soon", "ModelMesh:Silo:Cache")]
    [InlineData("ModelMesh:Placement:DefaultLoadSlots", "0", "DefaultLoadSlots must be at least 1")]
    public void Check_UnknownUnparsableOrInvalid_MessageNamesIt(string key, string value, string expected)
    {
        var error = ModelMeshSettings.Check(Config((key, value)));

        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
