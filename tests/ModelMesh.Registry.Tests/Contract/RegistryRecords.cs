namespace ModelMesh.Registry.Tests.Contract;

/// <summary>Sample records for the contract tests.</summary>
internal static class RegistryRecords
{
    public static ModelRecord Model(string id, string uri = "file:///models/m.onnx") => new()
    {
        ModelId = id,
        StorageUri = uri,
        Version = "1",
        SizeHintBytes = 1234,
        RequiredLabels = new Dictionary<string, string> { ["zone"] = "a" },
    };

    public static SiloRecord Silo(string id, long epoch, string address = "10.0.0.1:9000") => new()
    {
        SiloId = id,
        Epoch = epoch,
        Address = address,
        Devices = [new DeviceCapacity("cpu", 1_000_000, 1000), new DeviceCapacity("gpu:0", 8_000_000, 0)],
        Labels = new Dictionary<string, string> { ["zone"] = "a" },
        StartedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
        InFlight = 2,
        LoadedCount = 3,
        Version = "test",
    };

    public static CopyRecord Copy(string modelId, string siloId, long epoch, CopyState state = CopyState.Loaded) => new()
    {
        ModelId = modelId,
        SiloId = siloId,
        Epoch = epoch,
        State = state,
        Since = new DateTimeOffset(2025, 1, 1, 0, 0, 1, TimeSpan.Zero),
        SizeBytes = 4096,
    };
}
