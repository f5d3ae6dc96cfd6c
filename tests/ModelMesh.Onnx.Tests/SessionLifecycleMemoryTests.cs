using Xunit.Abstractions;

namespace ModelMesh.Onnx.Tests;

/// <summary>Loading and unloading must give native memory back: RSS may not creep over thousands of cycles.</summary>
[Collection(OrtCollection.Name)]
public sealed class SessionLifecycleMemoryTests(OrtRuntimeFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public void CreateAndDispose_MlpSession2000Times_RssStaysWithinTenPercentOfWarmedUpValue()
    {
        var model = SampleModels.Build(SampleModels.Mlp);
        var input = OrtInputTensor.FromBytes("input", TensorElementType.Float, [1, 4], new byte[16]);
        long afterWarmUp = 0;
        for (var cycle = 1; cycle <= 2000; cycle++)
        {
            using (var session = fixture.Runtime.CreateSession(model))
            {
                session.Run([input], ["probabilities"]);
            }

            if (cycle == 100)
            {
                afterWarmUp = ResidentBytes();
            }
        }

        var atEnd = ResidentBytes();
        output.WriteLine($"VmRSS after 100 cycles: {afterWarmUp / 1024} KiB; after 2000: {atEnd / 1024} KiB.");
        Assert.True(atEnd <= afterWarmUp * 1.10, $"RSS grew from {afterWarmUp / 1024} KiB after 100 cycles to {atEnd / 1024} KiB after 2000.");
    }

    /// <summary>VmRSS from /proc/self/status, after a full garbage collection.</summary>
    private static long ResidentBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
