using System.Net;
using System.Text;
using System.Text.Json;

namespace ModelMesh.MeshTests;

/// <summary>Small helpers for the REST APIs: send JSON, read status and JSON back.</summary>
internal static class RestJson
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient http, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body);
    }

    public static string Register(string path, string? extra = null) =>
        $$"""{"storageUri": "{{new Uri(path).AbsoluteUri}}"{{(extra is null ? "" : ", " + extra)}}}""";
}
