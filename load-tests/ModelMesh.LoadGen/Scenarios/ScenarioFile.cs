using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ModelMesh.LoadGen.Scenarios;

/// <summary>Reads a scenario from YAML (camelCase keys; unknown keys are errors, so typos do not pass silently).</summary>
public static class ScenarioFile
{
    public static Scenario Load(string path)
    {
        var text = File.ReadAllText(path);
        return Parse(text);
    }

    public static Scenario Parse(string yaml)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .Build();
        return deserializer.Deserialize<Scenario?>(yaml) ?? new Scenario();
    }
}
