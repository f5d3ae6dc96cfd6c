using ModelMesh.Benchmarks.Common;
using ModelMesh.Benchmarks.Latency;
using ModelMesh.Onnx;

namespace ModelMesh.Benchmarks.ColdStart;

/// <summary>A model file used by <c>cold-start</c> and how to build a request for it under any registered id.</summary>
public sealed record ColdStartModel(string Kind, string Path, long FileBytes, Func<string, BenchmarkRequest> Request)
{
    public static IReadOnlyList<string> Kinds { get; } = ["mlp", "conv", "mlp-1mb", "mlp-16mb"];

    public static ColdStartModel Create(string kind, string folder)
    {
        var path = System.IO.Path.Combine(folder, kind + ".onnx");
        switch (kind)
        {
            case SampleModels.Mlp or SampleModels.Conv:
                File.WriteAllBytes(path, SampleModels.Build(kind));
                return new ColdStartModel(kind, path, new FileInfo(path).Length, id => Renamed(SampleRequests.Create(kind), id));
            case "mlp-1mb" or "mlp-16mb":
                var bytes = kind == "mlp-1mb" ? 1L << 20 : 16L << 20;
                var size = GeneratedMlp.Write(path, GeneratedMlp.HiddenFor(bytes), seed: kind.Length);
                return new ColdStartModel(kind, path, size, id => GeneratedMlp.Request(id));
            default:
                throw new ArgumentException($"unknown cold-start model '{kind}'", nameof(kind));
        }
    }

    private static BenchmarkRequest Renamed(BenchmarkRequest request, string id)
    {
        var renamed = request.InferRequest.Clone();
        renamed.ModelName = id;
        return request with { ModelName = id, InferRequest = renamed };
    }
}
