using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ModelMesh.Kubernetes.Tests.Deploy;

/// <summary>
/// Every custom resource example in docs/kubernetes.md, deploy/kubernetes/examples and Examples/valid validates
/// against the rendered CRDs' OpenAPI schemas; every one in Examples/invalid is refused with the expected error.
/// </summary>
public sealed partial class CustomResourceExampleTests
{
    private static readonly string Root = AppContext.BaseDirectory;

    public static TheoryData<string> InvalidExamples() => [.. Directory.GetFiles(Path.Combine(Root, "Examples", "invalid"), "*.yaml").Select(f => Path.GetFileName(f)!)];

    [Fact]
    public void ValidExamples_PassTheCrdSchemas()
    {
        var crds = Crds();
        var examples = DocExamples()
            .Concat(Directory.GetFiles(Path.Combine(Root, "deploy", "kubernetes", "examples"), "*.yaml").Concat(Directory.GetFiles(Path.Combine(Root, "Examples", "valid"), "*.yaml"))
                .SelectMany(f => YamlJson.LoadAll(File.ReadAllText(f)).Select(o => (f, o))))
            .Where(e => e.Item2["apiVersion"]?.GetValue<string>().StartsWith("serving.kserve.io/", StringComparison.Ordinal) == true)
            .ToList();

        Assert.True(examples.Count >= 9, $"only {examples.Count} examples found");
        Assert.Contains(examples, e => e.Item1 == "docs/kubernetes.md");
        foreach (var (source, example) in examples)
        {
            var errors = SchemaValidator.Validate(example, SchemaFor(crds, example));
            Assert.True(errors.Count == 0, $"{source} {example["metadata"]!["name"]}: {string.Join("; ", errors)}");
        }
    }

    [Theory]
    [MemberData(nameof(InvalidExamples))]
    public void InvalidExamples_AreRefusedWithTheExpectedError(string file)
    {
        var text = File.ReadAllText(Path.Combine(Root, "Examples", "invalid", file));
        var expected = ExpectLine().Match(text).Groups[1].Value.Trim();
        var example = YamlJson.LoadAll(text).Single();

        var errors = SchemaValidator.Validate(example, SchemaFor(Crds(), example));

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    private static List<JsonObject> Crds() =>
        [.. Kustomizer.Render(Path.Combine(Root, "deploy", "kubernetes")).Where(o => Kustomizer.Kind(o) == "CustomResourceDefinition")];

    private static JsonObject SchemaFor(List<JsonObject> crds, JsonObject example)
    {
        var apiVersion = example["apiVersion"]!.GetValue<string>();
        var crd = crds.Single(c => c["spec"]!["names"]!["kind"]!.GetValue<string>() == example["kind"]!.GetValue<string>()
            && $"{c["spec"]!["group"]}/" == apiVersion[..(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)]);
        var version = crd["spec"]!["versions"]!.AsArray().Single(v => $"{crd["spec"]!["group"]}/{v!["name"]}" == apiVersion);
        return version!["schema"]!["openAPIV3Schema"]!.AsObject();
    }

    private static IEnumerable<(string, JsonObject)> DocExamples()
    {
        var doc = File.ReadAllText(Path.Combine(Root, "docs", "kubernetes.md"));
        return YamlBlock().Matches(doc).SelectMany(m => YamlJson.LoadAll(m.Groups[1].Value)).Select(o => ("docs/kubernetes.md", o));
    }

    [GeneratedRegex("```yaml\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();

    [GeneratedRegex("^# expect: (.*)$", RegexOptions.Multiline)]
    private static partial Regex ExpectLine();
}
