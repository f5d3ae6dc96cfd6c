using ModelMesh.Contracts.Inference;
using ModelMesh.Serving.Json;
using static ModelMesh.Serving.Tests.Json.JsonTestSupport;

namespace ModelMesh.Serving.Tests.Json;

public class V2JsonMetadataWriterTests
{
    [Fact]
    public void WriteModelMetadata_Model_WritesNameVersionsPlatformAndTensors()
    {
        var metadata = new ModelMetadataResponse { Name = "mnist", Platform = "onnxruntime_onnx", Versions = { "1", "2" } };
        metadata.Inputs.Add(new ModelMetadataResponse.Types.TensorMetadata { Name = "x", Datatype = "FP32", Shape = { -1, 784 } });
        metadata.Outputs.Add(new ModelMetadataResponse.Types.TensorMetadata { Name = "y", Datatype = "INT64", Shape = { -1 } });

        string json = WriteJson(w => V2JsonResponseWriter.WriteModelMetadata(w, metadata));

        Assert.Equal(
            """{"name":"mnist","versions":["1","2"],"platform":"onnxruntime_onnx",""" +
            """ "inputs":[{"name":"x","datatype":"FP32","shape":[-1,784]}],"outputs":[{"name":"y","datatype":"INT64","shape":[-1]}]}""".TrimStart(),
            json);
    }

    [Fact]
    public void WriteServerMetadata_Server_WritesNameVersionExtensions()
    {
        var metadata = new ServerMetadataResponse { Name = "modelmesh", Version = "0.1.0", Extensions = { "model_repository" } };

        string json = WriteJson(w => V2JsonResponseWriter.WriteServerMetadata(w, metadata));

        Assert.Equal("""{"name":"modelmesh","version":"0.1.0","extensions":["model_repository"]}""", json);
    }

    [Fact]
    public void WriteRepositoryIndex_Models_WritesArrayOmittingEmptyVersionAndReason()
    {
        var index = new RepositoryIndexResponse();
        index.Models.Add(new RepositoryIndexResponse.Types.ModelIndex { Name = "a", Version = "1", State = "READY" });
        index.Models.Add(new RepositoryIndexResponse.Types.ModelIndex { Name = "b", State = "UNAVAILABLE", Reason = "load failed" });

        string json = WriteJson(w => V2JsonResponseWriter.WriteRepositoryIndex(w, index));

        Assert.Equal("""[{"name":"a","version":"1","state":"READY"},{"name":"b","state":"UNAVAILABLE","reason":"load failed"}]""", json);
    }

    [Fact]
    public void WriteRepositoryIndex_Empty_WritesEmptyArray()
    {
        Assert.Equal("[]", WriteJson(w => V2JsonResponseWriter.WriteRepositoryIndex(w, new RepositoryIndexResponse())));
    }
}
