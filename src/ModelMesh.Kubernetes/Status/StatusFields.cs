using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelMesh.Kubernetes.Status;

/// <summary>
/// Pieces every status shape shares: <c>lastFailureInfo</c> and Knative-style conditions. Times already in the
/// resource's status are kept while the thing they date is unchanged, so an unchanged state renders byte-for-byte
/// the same status and the controller writes nothing (no write -> watch event -> write loop).
/// </summary>
public static class StatusFields
{
    public static JsonObject? FailureInfo(FailureInfo? failure, JsonElement existing, StatusContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (failure is null)
        {
            return null;
        }

        var time = Timestamp(context.Now);
        if (existing.ValueKind == JsonValueKind.Object
            && Text(existing, "reason") == failure.Reason && Text(existing, "message") == failure.Message
            && Text(existing, "modelId") == failure.ModelId && Text(existing, "time") is { } kept)
        {
            time = kept;
        }

        var info = new JsonObject { ["reason"] = failure.Reason, ["message"] = failure.Message };
        if (failure.ModelId is not null)
        {
            info["modelId"] = failure.ModelId;
        }

        info["time"] = time;
        return info;
    }

    /// <summary>A condition; <paramref name="existing"/> is the status's current <c>conditions</c> array (or undefined).</summary>
    public static JsonObject Condition(string type, bool ok, string? reason, string? message, JsonElement existing, StatusContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var status = ok ? "True" : "False";
        var time = Timestamp(context.Now);
        if (existing.ValueKind == JsonValueKind.Array)
        {
            foreach (var condition in existing.EnumerateArray())
            {
                if (Text(condition, "type") == type && Text(condition, "status") == status && Text(condition, "lastTransitionTime") is { } kept)
                {
                    time = kept;
                }
            }
        }

        var node = new JsonObject { ["type"] = type, ["status"] = status, ["lastTransitionTime"] = time };
        if (!ok && reason is not null)
        {
            node["reason"] = reason;
            node["message"] = message ?? "";
        }

        return node;
    }

    public static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    private static string? Text(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
