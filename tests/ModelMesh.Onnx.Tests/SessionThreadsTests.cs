namespace ModelMesh.Onnx.Tests;

/// <summary>
/// Every session runs on the environment's global thread pools (per-session threads are off), so loading many
/// models must not start threads: a session with its own pools would add IntraOpThreads - 1 threads each.
/// </summary>
[Collection(OrtCollection.Name)]
public sealed class SessionThreadsTests(OrtRuntimeFixture fixture)
{
    [Fact]
    public void CreateAndRun_200Sessions_ProcessThreadCountDoesNotGrowWithThem()
    {
        var model = SampleModels.Build(SampleModels.Mlp);
        var input = OrtInputTensor.FromBytes("input", TensorElementType.Float, [1, 4], new byte[16]);
        var sessions = new List<OrtSession>();
        try
        {
            // The first sessions and runs may start the global pools and .NET's own threads.
            for (var i = 0; i < 5; i++)
            {
                sessions.Add(fixture.Runtime.CreateSession(model));
                sessions[^1].Run([input], ["probabilities"]);
            }

            var before = Threads();
            for (var i = 0; i < 200; i++)
            {
                sessions.Add(fixture.Runtime.CreateSession(model));
                sessions[^1].Run([input], ["probabilities"]);
            }

            var after = Threads();

            // Other test classes run in parallel and may start a few pool threads of their own meanwhile.
            Assert.True(after - before < 20, $"threads grew from {before} to {after} while 200 sessions were loaded and run");
        }
        finally
        {
            sessions.ForEach(s => s.Dispose());
        }
    }

    private static int Threads() => Directory.GetDirectories("/proc/self/task").Length;
}
