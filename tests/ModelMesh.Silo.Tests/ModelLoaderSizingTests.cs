using Microsoft.Extensions.Options;
using ModelMesh.Onnx;
using ModelMesh.Registry;
using ModelMesh.Silo.Mesh;

namespace ModelMesh.Silo.Tests;

/// <summary>
/// The size rule: a tiny model is accounted at what a session costs (~130 KiB), not at a 1 MiB floor; the 1,000,000 B
/// minimum applies only when nothing is known about the size.
/// </summary>
public sealed class ModelLoaderSizingTests : IDisposable
{
    private const long Overhead = 128 * 1024;
    private readonly string _folder = Directory.CreateTempSubdirectory("modelmesh-sizing-").FullName;
    private readonly ModelLoader _loader = new(ProcessOrtRuntime.Get(), Options.Create(new SiloOptions()));

    private ModelRecord Record(string file, long hint = 0) =>
        new() { ModelId = Path.GetFileNameWithoutExtension(file), StorageUri = new Uri(Path.Combine(_folder, file)).AbsoluteUri, SizeHintBytes = hint };

    [Fact]
    public void Defaults_OverheadIsTheCalibratedSessionCost()
    {
        Assert.Equal(Overhead, new SiloOptions().PerModelOverheadBytes);
    }

    [Fact]
    public void PredictSize_KnownTinyFile_FileTimesFactorPlusOverhead()
    {
        File.WriteAllBytes(Path.Combine(_folder, "tiny.onnx"), new byte[5_000]);

        Assert.Equal(7_500 + Overhead, _loader.PredictSize(Record("tiny.onnx")));
    }

    [Fact]
    public void PredictSize_UnknownSize_TheMinimum()
    {
        Assert.Equal(1_000_000, _loader.PredictSize(Record("not-there.onnx")));
    }

    [Fact]
    public void PredictSize_Hint_TakenAboveTheOverhead()
    {
        Assert.Equal(3L << 20, _loader.PredictSize(Record("not-there.onnx", hint: 3L << 20)));
        Assert.Equal(Overhead, _loader.PredictSize(Record("not-there.onnx", hint: 1000)));
    }

    [Fact]
    public async Task LoadAsync_TinyModel_AccountedBetweenFloorAndCeiling_FarBelowOneMiB()
    {
        var path = Path.Combine(_folder, "simple.onnx");
        File.WriteAllBytes(path, SampleModels.Build(SampleModels.Simple));
        var fileBytes = new FileInfo(path).Length;

        var (session, size) = await _loader.LoadAsync(Record("simple.onnx"), "cpu", CancellationToken.None);
        session.Retire();

        Assert.InRange(size, (long)(fileBytes * 1.25) + Overhead, (3 * fileBytes) + (2 * Overhead));
        Assert.True(size < 1L << 20, $"a {fileBytes}-byte model accounted at {size} bytes");
    }

    public void Dispose()
    {
        _loader.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
