using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ModelMesh.Benchmarks.Common;
using ModelMesh.Onnx;
using ModelMesh.Registry;
using ModelMesh.Silo;
using ModelMesh.Silo.Mesh;

namespace ModelMesh.Benchmarks.Sizing;

/// <summary>
/// Runs in a fresh process per model (<c>sizing-probe</c>): creates the ORT environment, loads and runs a warm-up
/// model (kept loaded, so one-time ORT and JIT costs are in the baseline), then loads the model under test with the
/// silo's own <see cref="ModelLoader"/> (prediction, then measured size = RSS growth across CreateSession, floor file
/// size), runs it once, and prints one JSON line with every number.
/// </summary>
public static class SizingProbe
{
    public const string ResultPrefix = "PROBE ";

    public static async Task<ProbeResult> RunAsync(string name, string path, string warmupPath, IReadOnlyList<long> inputShape, CancellationToken cancellationToken)
    {
        var runtime = ProcessOrtRuntime.Get();
        using var warm = runtime.CreateSession(warmupPath, new OrtSessionOptions());
        Run(warm, [1, 4]);
        var loader = new ModelLoader(runtime, Options.Create(new SiloOptions()));
        var record = new ModelRecord { ModelId = name, StorageUri = new Uri(path).AbsoluteUri };

        var before = ProcStatus.ReadSettled();
        var predicted = loader.PredictSize(record);
        var start = Stopwatch.GetTimestamp();
        var (session, measured) = await loader.LoadAsync(record, "cpu", cancellationToken);
        var loadMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var afterLoad = ProcStatus.ReadSettled();
        Run(session.Session, [.. inputShape]);
        var afterRun = ProcStatus.ReadSettled();
        var result = new ProbeResult(name, new FileInfo(path).Length, predicted, measured,
            before.RssBytes, afterLoad.RssBytes, afterRun.RssBytes, before.RssAnonBytes, afterLoad.RssAnonBytes, afterRun.RssAnonBytes, loadMs);
        GC.KeepAlive(session);
        return result;
    }

    public static string Serialize(ProbeResult result) => ResultPrefix + JsonSerializer.Serialize(result);

    public static ProbeResult? Parse(string line) =>
        line.StartsWith(ResultPrefix, StringComparison.Ordinal) ? JsonSerializer.Deserialize<ProbeResult>(line[ResultPrefix.Length..]) : null;

    /// <summary>One Run with zeros of the given shape on the session's first (FP32) input.</summary>
    private static void Run(OrtSession session, long[] shape)
    {
        var count = shape.Aggregate(1L, (a, d) => a * d);
        var input = OrtInputTensor.FromBytes(session.Inputs[0].Name, TensorElementType.Float, shape, new byte[count * sizeof(float)]);
        session.Run([input], [.. session.Outputs.Select(o => o.Name)]);
    }
}
