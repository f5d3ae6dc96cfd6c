using System.Text.Json;

namespace ModelMesh.Storage.Config;

/// <summary>
/// Reads one storage-config entry in ModelMesh's JSON format (see kserve/modelmesh-serving's storage-config Secret):
/// the <c>type</c> field picks the entry class; unknown fields are ignored as ModelMesh's puller ignores them;
/// fields this mesh cannot honour (TLS certificates, Azure service principals) are refused rather than ignored.
/// </summary>
internal static class StorageEntryParser
{
    public static readonly IReadOnlyList<string> SupportedTypes = ["s3", "azure", "http"];

    public static StorageEntry Parse(string key, JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.String)
        {
            // A JSON file mapping keys to entries may hold each entry as a string, as a Secret's stringData does.
            try
            {
                using var inner = JsonDocument.Parse(json.GetString()!);
                return Parse(key, inner.RootElement);
            }
            catch (JsonException)
            {
                throw Bad(key, "is a string that is not a JSON object");
            }
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            throw Bad(key, "must be a JSON object with a \"type\" field");
        }

        var type = String(key, json, "type") ?? throw Bad(key, "has no \"type\" (s3, azure or http)");
        return type.ToLowerInvariant() switch
        {
            "s3" => ParseS3(key, json),
            "azure" => ParseAzure(key, json),
            "http" => ParseHttp(key, json),
            _ => throw Bad(key, $"has type '{type}'; supported: {string.Join(", ", SupportedTypes)}"),
        };
    }

    private static S3StorageEntry ParseS3(string key, JsonElement json)
    {
        Refuse(key, json, "certificate", "custom CA certificates for S3 are not supported; use a server with a publicly trusted certificate");
        var accessKey = String(key, json, "access_key_id");
        var secret = String(key, json, "secret_access_key");
        if ((accessKey is null) != (secret is null))
        {
            throw Bad(key, "needs both \"access_key_id\" and \"secret_access_key\" (or neither, for anonymous access)");
        }

        return new S3StorageEntry(key)
        {
            AccessKeyId = accessKey,
            SecretAccessKey = secret,
            EndpointUrl = Url(key, json, "endpoint_url"),
            Region = String(key, json, "region") is { Length: > 0 } region ? region : "us-east-1",
            DefaultBucket = String(key, json, "default_bucket") ?? String(key, json, "bucket"),
        };
    }

    private static AzureStorageEntry ParseAzure(string key, JsonElement json)
    {
        foreach (var field in new[] { "client_id", "client_secret", "tenant_id" })
        {
            Refuse(key, json, field, "Azure service principal credentials are not supported; use \"account_key\" or \"connection_string\"");
        }

        var entry = new AzureStorageEntry(key)
        {
            AccountName = String(key, json, "account_name"),
            AccountKey = String(key, json, "account_key"),
            ConnectionString = String(key, json, "connection_string"),
            Container = String(key, json, "container"),
            EndpointUrl = Url(key, json, "endpoint_url"),
        };
        if (entry.AccountKey is not null && entry.AccountName is null)
        {
            throw Bad(key, "has \"account_key\" but no \"account_name\"");
        }

        if (entry.ConnectionString is not null)
        {
            try
            {
                _ = new Azure.Storage.Blobs.BlobServiceClient(entry.ConnectionString);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                throw Bad(key, "has a \"connection_string\" that is not a valid Azure Storage connection string");
            }
        }

        return entry;
    }

    private static HttpStorageEntry ParseHttp(string key, JsonElement json)
    {
        foreach (var field in new[] { "certificate", "client_certificate", "client_key" })
        {
            Refuse(key, json, field, "TLS certificates for HTTP storage are not supported");
        }

        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        if (json.TryGetProperty("headers", out var h) && h.ValueKind != JsonValueKind.Null)
        {
            if (h.ValueKind != JsonValueKind.Object)
            {
                throw Bad(key, "has \"headers\" that is not an object of strings or string lists");
            }

            foreach (var header in h.EnumerateObject())
            {
                headers[header.Name] = header.Value.ValueKind switch
                {
                    JsonValueKind.String => [header.Value.GetString()!],
                    JsonValueKind.Array when header.Value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String) =>
                        [.. header.Value.EnumerateArray().Select(v => v.GetString()!)],
                    _ => throw Bad(key, $"has header '{header.Name}' that is not a string or a list of strings"),
                };
            }
        }

        return new HttpStorageEntry(key) { Url = Url(key, json, "url"), Headers = headers };
    }

    private static void Refuse(string key, JsonElement json, string field, string why)
    {
        if (json.TryGetProperty(field, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            && !(value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0))
        {
            throw Bad(key, $"has \"{field}\": {why}");
        }
    }

    private static string? String(string key, JsonElement json, string field)
    {
        if (!json.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? (value.GetString()!.Length == 0 ? null : value.GetString())
            : throw Bad(key, $"has \"{field}\" that is not a string");
    }

    private static Uri? Url(string key, JsonElement json, string field) =>
        String(key, json, field) is not { } text ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri
        : throw Bad(key, $"has \"{field}\" that is not an absolute http(s) URL");

    private static StorageConfigException Bad(string key, string what) => new($"storage-config entry '{key}' {what}");
}
