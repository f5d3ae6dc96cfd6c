using System.Text.Json;
using ModelMesh.Contracts.Management;
using ModelMesh.Serving;

namespace ModelMesh.FrontDoor.Rest;

/// <summary>JSON shapes of the management REST API (camelCase, statuses as NOT_LOADED|LOADING|LOADED|LOADING_FAILED).</summary>
public static class ManagementJson
{
    public static string StatusName(ModelStatus status) => ModelStatusNames.Of(status);

    public static void WriteStatus(Utf8JsonWriter w, ModelStatusInfo status)
    {
        w.WriteStartObject();
        w.WriteString("modelId", status.ModelId);
        w.WriteString("status", StatusName(status.Status));
        w.WriteStartArray("copies");
        foreach (var copy in status.Copies)
        {
            w.WriteStartObject();
            w.WriteString("silo", copy.Silo);
            w.WriteString("state", copy.State);
            w.WriteNumber("sizeBytes", copy.SizeBytes);
            w.WriteString("device", copy.Device);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("errors");
        foreach (var error in status.Errors)
        {
            w.WriteStringValue(error);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteVModel(Utf8JsonWriter w, VModelStatusInfo vmodel)
    {
        w.WriteStartObject();
        w.WriteString("vmodelId", vmodel.VmodelId);
        w.WriteString("targetModelId", vmodel.TargetModelId);
        if (vmodel.Owner.Length > 0)
        {
            w.WriteString("owner", vmodel.Owner);
        }

        w.WritePropertyName("targetStatus");
        WriteStatus(w, vmodel.TargetStatus ?? new ModelStatusInfo { ModelId = vmodel.TargetModelId, Status = ModelStatus.NotFound });
        w.WriteEndObject();
    }

    public static void WriteCluster(Utf8JsonWriter w, ClusterStatus cluster)
    {
        w.WriteStartObject();
        w.WriteBoolean("degraded", cluster.Degraded);
        w.WriteStartArray("silos");
        foreach (var silo in cluster.Silos)
        {
            w.WriteStartObject();
            w.WriteString("id", silo.Id);
            w.WriteString("address", silo.Address);
            w.WriteString("state", silo.State);
            w.WriteStartArray("devices");
            foreach (var d in silo.Devices)
            {
                w.WriteStartObject();
                w.WriteString("name", d.Name);
                w.WriteNumber("capacityBytes", d.CapacityBytes);
                w.WriteNumber("usedBytes", d.UsedBytes);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("models");
            foreach (var m in silo.Models)
            {
                w.WriteStringValue(m);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Reads <c>{"storageUri", "format"?, "loadNow"?, "sync"?, "sizeHintBytes"?, "deviceClass"?, "labels"?, "version"?}</c>.</summary>
    public static (ModelInfo Info, bool LoadNow, bool Sync) ReadRegister(byte[] body)
    {
        using var doc = Parse(body);
        var root = doc.RootElement;
        var info = new ModelInfo
        {
            StorageUri = String(root, "storageUri") ?? throw ServingException.InvalidArgument("body needs \"storageUri\""),
            Format = String(root, "format") ?? "onnx",
            StorageKey = String(root, "storageKey") ?? "",
            DeviceClass = String(root, "deviceClass") ?? "cpu",
            Version = String(root, "version") ?? "",
            SizeHintBytes = root.TryGetProperty("sizeHintBytes", out var size) ? Int64(size, "sizeHintBytes") : 0,
        };
        if (root.TryGetProperty("labels", out var labels))
        {
            if (labels.ValueKind != JsonValueKind.Object)
            {
                throw ServingException.InvalidArgument("\"labels\" must be an object of strings");
            }

            foreach (var label in labels.EnumerateObject())
            {
                info.RequiredLabels[label.Name] = label.Value.ValueKind == JsonValueKind.String
                    ? label.Value.GetString()!
                    : throw ServingException.InvalidArgument($"label '{label.Name}' must be a string");
            }
        }

        return (info, Bool(root, "loadNow"), Bool(root, "sync"));
    }

    /// <summary>Reads <c>{"targetModelId", "owner"?, "expectedTargetModelId"?}</c>.</summary>
    public static SetVModelRequest ReadSetVModel(string vmodelId, byte[] body)
    {
        using var doc = Parse(body);
        var root = doc.RootElement;
        return new SetVModelRequest
        {
            VmodelId = vmodelId,
            TargetModelId = String(root, "targetModelId") ?? throw ServingException.InvalidArgument("body needs \"targetModelId\""),
            Owner = String(root, "owner") ?? "",
            ExpectedTargetModelId = String(root, "expectedTargetModelId") ?? "",
        };
    }

    private static JsonDocument Parse(byte[] body)
    {
        try
        {
            var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                doc.Dispose();
                throw ServingException.InvalidArgument("body must be a JSON object");
            }

            return doc;
        }
        catch (JsonException e)
        {
            throw ServingException.InvalidArgument("body is not valid JSON: " + e.Message);
        }
    }

    private static string? String(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw ServingException.InvalidArgument($"\"{name}\" must be a string");

    private static bool Bool(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False or JsonValueKind.Null => false,
            _ => throw ServingException.InvalidArgument($"\"{name}\" must be true or false"),
        };

    private static long Int64(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n
        : throw ServingException.InvalidArgument($"\"{name}\" must be an integer");
}
