using ModelMesh.Onnx;

namespace ModelMesh.Benchmarks.Latency;

/// <summary>One model's request and both paths to run it; owns the in-process session.</summary>
public sealed record ModelTargets(BenchmarkRequest Request, OrtSession Session, InProcessOrtTarget InProcess, GrpcInferTarget Grpc);
