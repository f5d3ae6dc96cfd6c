using ModelMesh.Contracts.Management;
using Grpc.Core;
using ModelMesh.Onnx;
using ModelMesh.Testing;

namespace ModelMesh.MeshTests;

/// <summary>Models that cannot load: too large for any silo, or a corrupt file. The cluster keeps serving the rest.</summary>
public sealed class LoadFailureTests : IAsyncLifetime
{
    private const long Capacity = 16L * 1024 * 1024;
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await TestCluster.StartAsync(silos: 3, siloCapacityBytes: Capacity);
        await _cluster.RegisterFileAsync("healthy", ModelFactory.WriteSample(_cluster.ModelsDirectory, SampleModels.Mlp, "healthy"));
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task ModelInfer_ModelLargerThanAnySilo_ResourceExhaustedNamingTheSize()
    {
        var model = await _cluster.RegisterMlpOfSizeAsync("huge", 20L * 1024 * 1024);

        var e = await Assert.ThrowsAsync<RpcException>(() => _cluster.V2.InferAsync(InferRequests.SizedMlp("huge", InferRequests.SizedMlpInput())));

        Assert.True(e.StatusCode == StatusCode.ResourceExhausted, $"{e.StatusCode}: {e.Status.Detail}");
        var named = System.Text.RegularExpressions.Regex.Matches(e.Status.Detail, @"(\d+) bytes").Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(named.Any(n => n >= model.FileBytes), $"the error names no size of at least the file's {model.FileBytes} bytes: {e.Status.Detail}");
        Assert.Empty(_cluster.SilosHolding("huge"));
        Assert.NotNull(await _cluster.V2.InferAsync(InferRequests.SampleMlp("healthy")));
    }

    [Fact]
    public async Task ModelInfer_SizeHintLargerThanAnySilo_ResourceExhaustedNamingTheSize()
    {
        await _cluster.RegisterFileAsync("hinted-huge", ModelFactory.WriteSample(_cluster.ModelsDirectory, SampleModels.Mlp, "hinted-huge"), sizeHintBytes: 3 * Capacity);

        var e = await Assert.ThrowsAsync<RpcException>(() => _cluster.V2.InferAsync(InferRequests.SampleMlp("hinted-huge")));

        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.Contains((3 * Capacity).ToString(System.Globalization.CultureInfo.InvariantCulture), e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelInfer_CorruptModel_FailedPreconditionWithErrorThenLoadingFailedAndOthersServe()
    {
        await _cluster.RegisterFileAsync("corrupt", ModelFactory.WriteCorrupt(_cluster.ModelsDirectory, "corrupt"));

        var e = await Assert.ThrowsAsync<RpcException>(() => _cluster.V2.InferAsync(InferRequests.SampleMlp("corrupt")));
        await Eventually.Until(async () => (await _cluster.Client.GetModelStatusAsync("corrupt")).Status == ModelStatus.LoadingFailed
            || (await Retry()).Status == ModelStatus.LoadingFailed, TimeSpan.FromSeconds(30), "the status is LOADING_FAILED");
        var status = await _cluster.Client.GetModelStatusAsync("corrupt");

        Assert.True(e.StatusCode == StatusCode.FailedPrecondition, $"{e.StatusCode}: {e.Status.Detail}\n{_cluster.Log.Dump()}");
        Assert.Contains("corrupt", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(ModelStatus.LoadingFailed, status.Status);
        Assert.Equal(3, status.Errors.Count);
        Assert.All(status.Copies, c => Assert.Equal("failed", c.State));
        Assert.All(status.Errors, error => Assert.False(string.IsNullOrWhiteSpace(error)));
        Assert.Equal(3, InferRequests.Floats((await _cluster.V2.InferAsync(InferRequests.SampleMlp("healthy"))).RawOutputContents[0]).Length);
        Assert.Equal(3, _cluster.Log.WithId(ClusterLog.LoadFailed).Count(l => l.Value("Model") == "corrupt"));

        async Task<ModelStatusInfo> Retry()
        {
            try
            {
                await _cluster.V2.InferAsync(InferRequests.SampleMlp("corrupt"));
            }
            catch (RpcException)
            {
            }

            return await _cluster.Client.GetModelStatusAsync("corrupt");
        }
    }

    [Fact]
    public async Task ModelInfer_AfterLoadingFailed_StillFailedPreconditionWithTheLoadError()
    {
        await _cluster.RegisterFileAsync("corrupt-later", ModelFactory.WriteCorrupt(_cluster.ModelsDirectory, "corrupt-later"));
        var first = await Assert.ThrowsAsync<RpcException>(() => _cluster.V2.InferAsync(InferRequests.SampleMlp("corrupt-later")));
        Assert.Equal(StatusCode.FailedPrecondition, first.StatusCode);
        await Eventually.Until(async () => (await _cluster.Client.GetModelStatusAsync("corrupt-later")).Status == ModelStatus.LoadingFailed,
            TimeSpan.FromSeconds(30), "the status is LOADING_FAILED");

        // ModelMesh: once a model is LOADING_FAILED, callers keep getting its load error (until the failure expires),
        // not a generic "no eligible silo" UNAVAILABLE.
        var again = await Assert.ThrowsAsync<RpcException>(() => _cluster.V2.InferAsync(InferRequests.SampleMlp("corrupt-later")));

        Assert.True(again.StatusCode == StatusCode.FailedPrecondition, $"{again.StatusCode}: {again.Status.Detail}");
        Assert.Contains("corrupt-later", again.Status.Detail, StringComparison.Ordinal);
    }
}
