using Grpc.Core;
using ModelMesh.Contracts.Inference;
using ModelMesh.Contracts.Management;

namespace ModelMesh.Client.Tests;

/// <summary>
/// <c>inference.GRPCInferenceService</c> of <see cref="FakeModelMeshServer"/> (a test double speaking the real wire
/// format): ModelInfer echoes every input back as "echo_NAME".
/// </summary>
internal sealed class FakeInferenceService(FakeModelMeshServer server) : GRPCInferenceService.GRPCInferenceServiceBase
{
    public override Task<ModelInferResponse> ModelInfer(ModelInferRequest request, ServerCallContext context)
    {
        server.Seen(context);
        server.LastInfer = request;
        if (!server.Models.ContainsKey(request.ModelName))
        {
            throw FakeModelMeshServer.NotFound("model", request.ModelName);
        }

        var response = new ModelInferResponse { ModelName = request.ModelName, ModelVersion = "1", Id = request.Id };
        foreach (var input in request.Inputs)
        {
            var output = new ModelInferResponse.Types.InferOutputTensor { Name = "echo_" + input.Name, Datatype = input.Datatype };
            output.Shape.Add(input.Shape);
            response.Outputs.Add(output);
        }

        response.RawOutputContents.Add(request.RawInputContents);
        return Task.FromResult(response);
    }

    public override Task<ModelReadyResponse> ModelReady(ModelReadyRequest request, ServerCallContext context)
    {
        server.Seen(context);
        var ready = server.Models.TryGetValue(request.Name, out var status) && status.Status == ModelStatus.Loaded;
        return Task.FromResult(new ModelReadyResponse { Ready = ready });
    }

    public override Task<ServerReadyResponse> ServerReady(ServerReadyRequest request, ServerCallContext context)
    {
        server.Seen(context);
        return Task.FromResult(new ServerReadyResponse { Ready = true });
    }

    public override Task<ModelMetadataResponse> ModelMetadata(ModelMetadataRequest request, ServerCallContext context)
    {
        server.Seen(context);
        if (!server.Models.ContainsKey(request.Name))
        {
            throw FakeModelMeshServer.NotFound("model", request.Name);
        }

        var metadata = new ModelMetadataResponse { Name = request.Name, Platform = "onnxruntime_onnx" };
        metadata.Versions.Add("1");
        return Task.FromResult(metadata);
    }
}
