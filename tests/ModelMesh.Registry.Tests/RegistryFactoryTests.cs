namespace ModelMesh.Registry.Tests;

public sealed class RegistryFactoryTests
{
    [Theory]
    [InlineData("memory")]
    [InlineData(" Memory ")]
    public async Task Create_Memory_InMemoryRegistry(string spec)
    {
        await using var registry = RegistryFactory.Create(spec);
        Assert.IsType<InMemoryMeshRegistry>(registry);
        await registry.PingAsync();
    }

    [Theory]
    [InlineData("etcd://x")]
    [InlineData("localhost:6379")]
    public void Create_UnknownSpec_Throws(string spec) =>
        Assert.Throws<ArgumentException>(() => RegistryFactory.Create(spec));
}
