using ModelMesh.Onnx.Tests.Reference;

namespace ModelMesh.Onnx.Tests;

[Collection(OrtCollection.Name)]
public sealed class ConvModelTests(OrtRuntimeFixture fixture)
{
    private const int ImageElements = ConvWeights.Channels * ConvWeights.ImageSize * ConvWeights.ImageSize;

    [Fact]
    public void Run_TwoImages_MatchesReferenceWithin1e4()
    {
        using var session = fixture.Runtime.CreateSession(SampleModels.Build(SampleModels.Conv));
        var images = TensorBytes.RandomFloats(42, 2 * ImageElements);

        var output = session.Run([Images(images, 2)], ["logits"])[0];

        Assert.Equal([2L, 10L], output.Shape);
        var expected = ConvReference.Compute(images, 2, SampleModels.ConvWeights());
        var actual = TensorBytes.To<float>(output.Data);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4, $"logit {i}: expected {expected[i]}, got {actual[i]}");
        }
    }

    [Fact]
    public void Run_BigBatchCancelledMidway_ThrowsOperationCanceledException()
    {
        using var session = fixture.Runtime.CreateSession(SampleModels.Build(SampleModels.Conv));
        const int Batch = 256;
        using var cancellation = new CancellationTokenSource();
        using var runStarted = new ManualResetEventSlim();
        // The cancel is armed when Run pins the input (past Run's own early check, so ORT is what stops) and fires from
        // a dedicated thread 30 ms later: a thread-pool timer can be starved for the whole run on a loaded 2-core
        // machine while other tests' ORT runs hold the pool threads (CI saw the run finish uncancelled).
        var canceller = new Thread(() =>
        {
            runStarted.Wait();
            using var delay = new ManualResetEventSlim();
            delay.Wait(TimeSpan.FromMilliseconds(30));
            cancellation.Cancel();
        }) { IsBackground = true };
        canceller.Start();
        var memory = new PinCallbackMemory(TensorBytes.Of(TensorBytes.RandomFloats(3, Batch * ImageElements)), runStarted.Set).Memory;
        var images = OrtInputTensor.FromBytes("image", TensorElementType.Float, [Batch, ConvWeights.Channels, ConvWeights.ImageSize, ConvWeights.ImageSize], memory);

        var error = Assert.ThrowsAny<OperationCanceledException>(() => session.Run([images], ["logits"], cancellation.Token));
        canceller.Join();

        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.IsType<OrtException>(error.InnerException);
    }

    [Fact]
    public void Dispose_DuringRun_RunFinishesAndLaterRunsAreRefused()
    {
        var session = fixture.Runtime.CreateSession(SampleModels.Build(SampleModels.Conv));
        var images = TensorBytes.Of(TensorBytes.RandomFloats(5, 2 * ImageElements));

        // The input is pinned inside Run, after Run took its reference on the session: dispose right then.
        var memory = new PinCallbackMemory(images, session.Dispose).Memory;
        var input = OrtInputTensor.FromBytes("image", TensorElementType.Float, [2, ConvWeights.Channels, ConvWeights.ImageSize, ConvWeights.ImageSize], memory);
        var output = session.Run([input], ["logits"]);

        Assert.Equal([2L, 10L], output[0].Shape);
        Assert.Equal(ConvReference.Compute(TensorBytes.To<float>(images), 2, SampleModels.ConvWeights()), TensorBytes.To<float>(output[0].Data), (x, y) => Math.Abs(x - y) <= 1e-4);
        Assert.Throws<ObjectDisposedException>(() => session.Run([input], ["logits"]));
    }

    [Fact]
    public void Run_AfterACancelledRun_SessionStillWorks()
    {
        using var session = fixture.Runtime.CreateSession(SampleModels.Build(SampleModels.Conv));
        var images = Images(TensorBytes.RandomFloats(9, ImageElements), 1);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => session.Run([images], ["logits"], cancelled.Token));
        var output = session.Run([images], ["logits"], CancellationToken.None);

        Assert.Equal([1L, 10L], output[0].Shape);
    }

    [Fact]
    public void RunNative_TokenCancelledBeforeTheRunStarts_OrtStopsAtTheTerminateFlag()
    {
        using var session = fixture.Runtime.CreateSession(SampleModels.Build(SampleModels.Conv));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        // Skips Run's own early check, so the token's registration sets ORT's terminate flag and ORT itself refuses to run.
        var error = Assert.ThrowsAny<OperationCanceledException>(() => session.RunWithoutEarlyCancellationCheck(
            [Images(TensorBytes.RandomFloats(9, ImageElements), 1)], ["logits"], cancelled.Token));

        var ortError = Assert.IsType<OrtException>(error.InnerException);
        Assert.Contains("terminate", ortError.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static OrtInputTensor Images(float[] images, int batch) => OrtInputTensor.FromBytes(
        "image", TensorElementType.Float, [batch, ConvWeights.Channels, ConvWeights.ImageSize, ConvWeights.ImageSize], TensorBytes.Of(images));
}
