using ModelMesh.Contracts.Management;
using ModelMesh.Onnx;

namespace ModelMesh.Testing;

public sealed partial class TestCluster
{
    /// <summary>Writes every sample model into <see cref="ModelsDirectory"/> and registers it (id = sample name) through the management API.</summary>
    public async Task<IReadOnlyList<string>> RegisterSamplesAsync()
    {
        foreach (var name in SampleModels.Names)
        {
            await RegisterFileAsync(name, ModelFactory.WriteSample(ModelsDirectory, name));
        }

        return SampleModels.Names;
    }

    /// <summary>Registers a model file (optionally with a size hint) through the gRPC management API.</summary>
    public Task<ModelStatusInfo> RegisterFileAsync(string modelId, string path, long sizeHintBytes = 0, bool loadNow = false, bool sync = false) =>
        Client.RegisterModelAsync(modelId, new Uri(path).AbsoluteUri, sizeHintBytes: sizeHintBytes, loadNow: loadNow, sync: sync);

    /// <summary>Writes an MLP of about <paramref name="bytes"/> (see <see cref="ModelFactory.WriteMlpOfSize"/>) and registers it.</summary>
    public async Task<SizedMlpModel> RegisterMlpOfSizeAsync(string modelId, long bytes, long sizeHintBytes = 0)
    {
        var model = ModelFactory.WriteMlpOfSize(ModelsDirectory, modelId, bytes);
        await RegisterFileAsync(modelId, model.Path, sizeHintBytes);
        return model;
    }
}
