using ModelMesh.Silo.Repository;

namespace ModelMesh.Silo.Tests;

public sealed class ModelDirectoryScannerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("modelmesh-scan-").FullName;

    private void Touch(params string[] parts)
    {
        var path = Path.Combine([_root, .. parts]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [1]);
    }

    [Fact]
    public void Scan_FlatAndVersionedLayouts_FindsModelsAndNumericVersions()
    {
        Touch("flat", "model.onnx");
        Touch("versioned", "1", "model.onnx");
        Touch("versioned", "10", "model.onnx");
        Touch("versioned", "2", "model.onnx");
        Touch("versioned", "notes", "model.onnx");
        Touch("empty", "readme.txt");

        var models = ModelDirectoryScanner.Scan(_root);

        Assert.Equal(["flat", "versioned"], models.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([1L], models["flat"].Keys);
        Assert.Equal([1L, 2L, 10L], models["versioned"].Keys);
        Assert.EndsWith(Path.Combine("versioned", "10", "model.onnx"), models["versioned"][10], StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_VersionFoldersWin_OverAFlatFileBesideThem()
    {
        Touch("both", "model.onnx");
        Touch("both", "3", "model.onnx");
        Assert.Equal([3L], ModelDirectoryScanner.Scan(_root)["both"].Keys);
    }

    [Fact]
    public void Scan_MissingDirectory_Throws()
    {
        Assert.Throws<DirectoryNotFoundException>(() => ModelDirectoryScanner.Scan(Path.Combine(_root, "nope")));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
