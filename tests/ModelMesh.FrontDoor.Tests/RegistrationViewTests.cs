using ModelMesh.FrontDoor.Routing;
using ModelMesh.Registry;

namespace ModelMesh.FrontDoor.Tests;

/// <summary>The front door's registration view remembers names the registry did not know, briefly and never past their registration.</summary>
public sealed class RegistrationViewTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_missing_name_is_remembered_for_the_ttl_only()
    {
        var view = new RegistrationView();

        view.NoteMissing("ghost", T0);

        Assert.True(view.RecentlyMissing("ghost", T0 + RegistrationView.MissingTtl - TimeSpan.FromMilliseconds(1)));
        Assert.False(view.RecentlyMissing("ghost", T0 + RegistrationView.MissingTtl));
        Assert.False(view.RecentlyMissing("other", T0));
    }

    [Fact]
    public void A_registration_arriving_clears_the_missing_mark_at_once()
    {
        var view = new RegistrationView();
        view.NoteMissing("late", T0);
        view.NoteMissing("resynced", T0);

        view.SetModel("late", Model("late"));
        Assert.False(view.RecentlyMissing("late", T0));
        Assert.NotNull(view.FindModel("late"));

        view.Apply(new RegistrySnapshot([Model("resynced")], [], "0-0"));
        Assert.False(view.RecentlyMissing("resynced", T0));
        Assert.NotNull(view.FindModel("resynced"));
    }

    private static ModelRecord Model(string id) => new() { ModelId = id, StorageUri = "file:///models/" + id + ".onnx" };
}
