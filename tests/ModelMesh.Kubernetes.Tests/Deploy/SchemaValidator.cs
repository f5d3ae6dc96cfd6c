using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ModelMesh.Kubernetes.Tests.Deploy;

/// <summary>
/// The part of OpenAPI v3 / structural-schema validation the CRDs use, as the API server applies it on create:
/// type (with x-kubernetes-int-or-string), required, properties, additionalProperties, items, enum, pattern, anyOf.
/// Unknown fields are pruned by the API server, not refused, so they are not errors here either.
/// </summary>
public static class SchemaValidator
{
    public static List<string> Validate(JsonNode? value, JsonObject schema, string path = "")
    {
        var errors = new List<string>();
        Check(value, schema, path.Length == 0 ? "." : path, errors);
        return errors;
    }

    private static void Check(JsonNode? value, JsonObject schema, string path, List<string> errors)
    {
        if (value is null)
        {
            errors.Add($"{path}: null is not allowed");
            return;
        }

        if (schema["x-kubernetes-int-or-string"]?.GetValue<bool>() == true)
        {
            if (!(IsKind(value, JsonValueKind.String) || IsInteger(value)))
            {
                errors.Add($"{path}: must be an integer or a string");
            }
        }
        else if (schema["type"]?.GetValue<string>() is { } type && !HasType(value, type))
        {
            errors.Add($"{path}: must be of type {type}");
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            errors.Add($"{path}: unsupported value {value.ToJsonString()}: supported values: {string.Join(", ", allowed.Select(a => a!.ToJsonString()))}");
        }

        if (schema["pattern"]?.GetValue<string>() is { } pattern && IsKind(value, JsonValueKind.String) && !Regex.IsMatch(value.GetValue<string>(), pattern))
        {
            errors.Add($"{path}: '{value.GetValue<string>()}' does not match {pattern}");
        }

        if (value is JsonObject obj)
        {
            foreach (var required in schema["required"]?.AsArray() ?? [])
            {
                if (!obj.ContainsKey(required!.GetValue<string>()))
                {
                    errors.Add($"{path}.{required.GetValue<string>()}: Required value");
                }
            }

            var properties = schema["properties"] as JsonObject;
            foreach (var (name, child) in obj)
            {
                if (properties?[name] is JsonObject childSchema)
                {
                    Check(child, childSchema, $"{path.TrimEnd('.')}.{name}", errors);
                }
                else if (schema["additionalProperties"] is JsonObject additional)
                {
                    Check(child, additional, $"{path.TrimEnd('.')}.{name}", errors);
                }
            }
        }

        if (value is JsonArray array && schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Check(array[i], items, $"{path}[{i}]", errors);
            }
        }

        if (schema["anyOf"] is JsonArray anyOf && !anyOf.Any(option => Validate(value, option!.AsObject(), path).Count == 0))
        {
            errors.Add($"{path}: must satisfy one of {anyOf.ToJsonString()}");
        }
    }

    private static bool HasType(JsonNode value, string type) => type switch
    {
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => IsKind(value, JsonValueKind.String),
        "boolean" => IsKind(value, JsonValueKind.True) || IsKind(value, JsonValueKind.False),
        "integer" => IsInteger(value),
        "number" => IsKind(value, JsonValueKind.Number),
        _ => false,
    };

    private static bool IsKind(JsonNode value, JsonValueKind kind) => value is JsonValue && value.GetValueKind() == kind;

    private static bool IsInteger(JsonNode value) => IsKind(value, JsonValueKind.Number) && long.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _);
}
