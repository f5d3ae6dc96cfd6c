using static ModelMesh.Placement.Tests.Silos;

namespace ModelMesh.Placement.Tests;

public sealed class ScaleUpPolicyTests
{
    private readonly ScaleUpPolicy _policy = new(new PlacementOptions());

    [Fact]
    public void Evaluate_BelowThresholds_NotNeeded()
    {
        var load = new ModelLoadSnapshot(LoadedCopies: 2, InFlight: 15, RequestsPerMinute: 3999, LiveSilos: 5, LastScaleUpAt: null);

        Assert.Equal(ScaleUpDecision.NotNeeded, _policy.Evaluate(load, T0));
    }

    [Fact]
    public void Evaluate_InFlightPerCopyReached_AddCopy()
    {
        var load = new ModelLoadSnapshot(LoadedCopies: 2, InFlight: 16, RequestsPerMinute: 0, LiveSilos: 5, LastScaleUpAt: null);

        Assert.Equal(ScaleUpDecision.AddCopy, _policy.Evaluate(load, T0));
        Assert.True(_policy.ShouldAddCopy(load, T0));
    }

    [Fact]
    public void Evaluate_RatePerCopyReached_AddCopy()
    {
        var load = new ModelLoadSnapshot(LoadedCopies: 2, InFlight: 0, RequestsPerMinute: 4000, LiveSilos: 5, LastScaleUpAt: null);

        Assert.Equal(ScaleUpDecision.AddCopy, _policy.Evaluate(load, T0));
    }

    [Fact]
    public void Evaluate_WithinCooldown_CoolingDownThenAddCopy()
    {
        var load = new ModelLoadSnapshot(1, 50, 0, 5, LastScaleUpAt: T0);

        Assert.Equal(ScaleUpDecision.CoolingDown, _policy.Evaluate(load, T0.AddSeconds(9.9)));
        Assert.Equal(ScaleUpDecision.AddCopy, _policy.Evaluate(load, T0.AddSeconds(10)));
    }

    [Fact]
    public void Evaluate_CopiesEqualSilos_AtCopyLimit()
    {
        var load = new ModelLoadSnapshot(LoadedCopies: 3, InFlight: 100, RequestsPerMinute: 0, LiveSilos: 3, LastScaleUpAt: null);

        Assert.Equal(ScaleUpDecision.AtCopyLimit, _policy.Evaluate(load, T0));
    }

    [Fact]
    public void Evaluate_LoadingCopyFillsLastSilo_AtCopyLimit()
    {
        var load = new ModelLoadSnapshot(LoadedCopies: 2, InFlight: 100, RequestsPerMinute: 0, LiveSilos: 3, LastScaleUpAt: null, CopiesLoading: 1);

        Assert.Equal(ScaleUpDecision.AtCopyLimit, _policy.Evaluate(load, T0));
    }

    [Fact]
    public void Evaluate_CopyLoading_WaitsForIt()
    {
        var load = new ModelLoadSnapshot(LoadedCopies: 1, InFlight: 100, RequestsPerMinute: 0, LiveSilos: 5, LastScaleUpAt: null, CopiesLoading: 1);

        Assert.Equal(ScaleUpDecision.CopyLoading, _policy.Evaluate(load, T0));
    }

    [Fact]
    public void Evaluate_NoLoadedCopy_NotNeeded()
    {
        var load = new ModelLoadSnapshot(LoadedCopies: 0, InFlight: 100, RequestsPerMinute: 10_000, LiveSilos: 5, LastScaleUpAt: null);

        Assert.Equal(ScaleUpDecision.NotNeeded, _policy.Evaluate(load, T0));
    }

    [Fact]
    public void Evaluate_MaxCopiesPerModel_AtCopyLimit()
    {
        var policy = new ScaleUpPolicy(new PlacementOptions { MaxCopiesPerModel = 2 });
        var load = new ModelLoadSnapshot(LoadedCopies: 2, InFlight: 100, RequestsPerMinute: 0, LiveSilos: 10, LastScaleUpAt: null);

        Assert.Equal(ScaleUpDecision.AtCopyLimit, policy.Evaluate(load, T0));
    }

    [Fact]
    public void Validate_BadThreshold_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new PlacementOptions { InFlightPerCopyThreshold = 0 }.Validate());
        Assert.Throws<InvalidOperationException>(() => new PlacementOptions { RequestsPerMinutePerCopyThreshold = double.NaN }.Validate());
        new PlacementOptions().Validate();
    }
}
