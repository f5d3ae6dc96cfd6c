using System.Text.Json.Nodes;

namespace ModelMesh.Kubernetes.Tests.ApiDouble;

/// <summary>The patch formats of the double: JSON merge patch (RFC 7386) and the JSON patch (RFC 6902) ops add, replace, remove, test.</summary>
public static class JsonPatches
{
    public static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch.ToList())
        {
            if (value is null)
            {
                target.Remove(name);
            }
            else if (value is JsonObject patchObject && target[name] is JsonObject targetObject)
            {
                Merge(targetObject, patchObject);
            }
            else
            {
                target[name] = value.DeepClone();
            }
        }
    }

    public static bool Apply(JsonObject target, JsonArray operations, out bool testFailed)
    {
        testFailed = false;
        foreach (var op in operations)
        {
            var path = op!["path"]!.GetValue<string>().Split('/', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
            JsonNode? parent = target;
            foreach (var segment in path[..^1])
            {
                parent = parent?[segment];
            }

            if (parent is not JsonObject parentObject || path.Length == 0)
            {
                return false;
            }

            var last = path[^1];
            switch (op["op"]!.GetValue<string>())
            {
                case "add":
                case "replace":
                    parentObject[last] = op["value"]?.DeepClone();
                    break;
                case "remove":
                    if (!parentObject.Remove(last))
                    {
                        return false;
                    }

                    break;
                case "test":
                    if (!JsonNode.DeepEquals(parentObject[last], op["value"]))
                    {
                        testFailed = true;
                        return false;
                    }

                    break;
                default:
                    return false;
            }
        }

        return true;
    }
}
