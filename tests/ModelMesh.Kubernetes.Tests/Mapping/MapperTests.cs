using System.Text.Json;
using ModelMesh.Kubernetes.Resources;

namespace ModelMesh.Kubernetes.Tests.Mapping;

/// <summary>KServe-shaped resources to mesh models: storage forms, invalid specs, ignored InferenceServices, the id hash.</summary>
public sealed class MapperTests
{
    [Theory]
    [InlineData("""{"modelType": {"name": "onnx"}, "path": "models/mnist", "storage": {"s3": {"secretKey": "localMinIO", "bucket": "modelmesh-example-models"}}}""", "s3://modelmesh-example-models/models/mnist", "localMinIO")]
    [InlineData("""{"modelType": {"name": "onnx"}, "path": "models/mnist", "storage": {"persistentVolumeClaim": {"claimName": "my-models"}}}""", "pvc://my-models/models/mnist", null)]
    [InlineData("""{"modelType": {"name": "onnx"}, "storage": {"key": "store", "path": "a/b.onnx", "parameters": {"bucket": "bk"}}}""", "s3://bk/a/b.onnx", "store")]
    [InlineData("""{"modelType": {"name": "ONNX"}, "path": "/abs/model.onnx"}""", "file:///abs/model.onnx", null)]
    [InlineData("""{"modelType": {"name": "onnx"}, "path": "onnx/m.onnx", "storage": {"key": "localMinIO"}}""", "s3:///onnx/m.onnx", "localMinIO")]
    public void Predictor_StorageForms_MapToUriAndKey(string spec, string uri, string? key)
    {
        var result = PredictorMapper.Map(Resource(ResourceKind.Predictor, "p", spec));
        Assert.NotNull(result.Model);
        Assert.Equal(uri, result.Model.StorageUri);
        Assert.Equal(key, result.Model.StorageKey);
        Assert.Matches("^p__[0-9a-f]{10}$", result.Model.ModelId);
    }

    [Theory]
    [InlineData("""{"modelType": {"name": "onnx"}}""", "spec.path or storageUri is required", "InvalidPredictorSpec")]
    [InlineData("""{"modelType": {"name": "onnx"}, "path": "relative/model.onnx"}""", "relative", "InvalidPredictorSpec")]
    [InlineData("""{"modelType": {"name": "tensorflow"}, "path": "/m"}""", "serves onnx", "NoSupportingRuntime")]
    public void Predictor_InvalidSpecs_SayWhy(string spec, string message, string reason)
    {
        var result = PredictorMapper.Map(Resource(ResourceKind.Predictor, "p", spec));
        Assert.Null(result.Model);
        Assert.Contains(message, result.InvalidMessage, StringComparison.Ordinal);
        Assert.Equal(reason, result.InvalidReason);
    }

    [Fact]
    public void Predictor_SpecChange_ChangesTheModelIdNotTheName()
    {
        var a = PredictorMapper.Map(Resource(ResourceKind.Predictor, "p", """{"modelType": {"name": "onnx"}, "path": "/a/model.onnx"}""")).Model!;
        var again = PredictorMapper.Map(Resource(ResourceKind.Predictor, "p", """{"modelType": {"name": "onnx"}, "path": "/a/model.onnx"}""")).Model!;
        var b = PredictorMapper.Map(Resource(ResourceKind.Predictor, "p", """{"modelType": {"name": "onnx"}, "path": "/b/model.onnx"}""")).Model!;
        Assert.Equal(a.ModelId, again.ModelId);
        Assert.NotEqual(a.ModelId, b.ModelId);
        Assert.True(MeshModelSpec.IsModelOf(b.ModelId, "p"));
        Assert.False(MeshModelSpec.IsModelOf(b.ModelId, "q"));
    }

    [Fact]
    public void InferenceService_WithoutModelMeshAnnotation_IsIgnored()
    {
        const string spec = """{"predictor": {"model": {"modelFormat": {"name": "onnx"}, "storageUri": "s3://b/m"}}}""";
        Assert.True(InferenceServiceMapper.Map(Resource(ResourceKind.InferenceService, "i", spec)).IsIgnored);
        var ours = InferenceServiceMapper.Map(Resource(ResourceKind.InferenceService, "i", spec, modelMesh: true));
        Assert.Equal("s3://b/m", ours.Model!.StorageUri);
    }

    [Fact]
    public void TrainedModel_MemoryIsTheSizeHint()
    {
        var result = TrainedModelMapper.Map(Resource(ResourceKind.TrainedModel, "t", """{"inferenceService": "mesh", "model": {"framework": "onnx", "storageUri": "s3://b/m", "memory": "256Mi"}}"""));
        Assert.Equal(256L * 1024 * 1024, result.Model!.SizeHintBytes);
        var bad = TrainedModelMapper.Map(Resource(ResourceKind.TrainedModel, "t", """{"inferenceService": "mesh", "model": {"framework": "onnx", "storageUri": "s3://b/m", "memory": "lots"}}"""));
        Assert.Contains("not a quantity", bad.InvalidMessage, StringComparison.Ordinal);
    }

    private static KubeResource Resource(ResourceKind kind, string name, string spec, bool modelMesh = false)
    {
        var annotations = modelMesh ? """, "annotations": {"serving.kserve.io/deploymentMode": "ModelMesh"}""" : "";
        var json = $$"""{"metadata": {"name": "{{name}}", "namespace": "ns", "resourceVersion": "1"{{annotations}}}, "spec": {{spec}}}""";
        return KubeResource.From(kind, JsonDocument.Parse(json).RootElement);
    }
}
