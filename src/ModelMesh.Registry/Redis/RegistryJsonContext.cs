using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelMesh.Registry;

/// <summary>
/// JSON of the records stored in Redis: camelCase, enums as names. The Lua scripts rely on one fact of this
/// format: a vmodel's target is <c>targetModelId</c>.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ModelRecord))]
[JsonSerializable(typeof(VModelRecord))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;
