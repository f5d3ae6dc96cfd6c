using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using ModelMesh.Benchmarks.Latency;
using ModelMesh.Contracts.Inference;
using ModelMesh.Onnx;
using ModelMesh.Serving;
using ModelMesh.Silo;

namespace ModelMesh.Benchmarks.Codec;

/// <summary>
/// The server's request codec hot path for one ModelInfer, without ORT Run or transport: parse the request bytes,
/// validate/decode against the signature (InferRequestDecoder), encode the response (InferResponseEncoder), serialize it.
/// </summary>
[MemoryDiagnoser]
public class InferCodecBenchmarks
{
    private byte[] _requestBytes = [];
    private ModelInferRequest _request = new();
    private ModelSignature _signature = new([], []);
    private IReadOnlyList<OrtOutputTensor> _outputs = [];

    [Params(SampleModels.Mlp, SampleModels.Conv)]
    public string Model { get; set; } = SampleModels.Mlp;

    [GlobalSetup]
    public void Setup()
    {
        var request = SampleRequests.Create(Model);
        using var session = ProcessOrtRuntime.Get().CreateSession(SampleModels.Build(Model));
        _signature = new ModelSignature(session.Inputs, session.Outputs);
        _outputs = session.Run(request.OrtInputs, [.. session.Outputs.Select(o => o.Name)]);
        _request = request.InferRequest;
        _requestBytes = _request.ToByteArray();
    }

    [Benchmark]
    public ModelInferRequest ParseRequest() => ModelInferRequest.Parser.ParseFrom(_requestBytes);

    [Benchmark]
    public DecodedInferRequest Decode() => InferRequestDecoder.Decode(_request, _signature);

    [Benchmark]
    public ModelInferResponse Encode() => InferResponseEncoder.Encode(_request, Model, "1", _outputs, rawOutput: true);

    [Benchmark(Baseline = true)]
    public byte[] ParseDecodeEncodeSerialize()
    {
        var request = ModelInferRequest.Parser.ParseFrom(_requestBytes);
        var decoded = InferRequestDecoder.Decode(request, _signature);
        return InferResponseEncoder.Encode(request, Model, "1", _outputs, decoded.RawOutput).ToByteArray();
    }
}
