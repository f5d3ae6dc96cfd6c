using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelMesh.Registry;

/// <summary>
/// JSON of the records stored in Redis: camelCase, enums as names. The Lua scripts rely on two facts of this
/// format: the epoch is written as a bare integer (<c>"epoch":123</c>, read with a pattern, never through a
/// Lua double, which would round epochs above 2^53) and a vmodel's target is <c>targetModelId</c>.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ModelRecord))]
[JsonSerializable(typeof(VModelRecord))]
[JsonSerializable(typeof(SiloRecord))]
[JsonSerializable(typeof(CopyRecord))]
[JsonSerializable(typeof(RedisClaimValue))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;

/// <summary>The value of a <c>loading:{model}</c> claim key; compared byte for byte by the release script.</summary>
internal sealed record RedisClaimValue(string SiloId, long Epoch);
