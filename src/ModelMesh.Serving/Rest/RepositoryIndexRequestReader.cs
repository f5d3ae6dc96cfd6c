using System.Text.Json;

namespace ModelMesh.Serving.Rest;

/// <summary>Reads the optional <c>{"ready": bool}</c> body of <c>POST /v2/repository/index</c>.</summary>
internal static class RepositoryIndexRequestReader
{
    public static bool ReadReadyFlag(byte[] body)
    {
        if (body.Length == 0)
        {
            return false;
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("ready", out var ready)
                && ready.ValueKind == JsonValueKind.True;
        }
        catch (JsonException e)
        {
            throw ServingException.InvalidArgument("repository index body is not valid JSON: " + e.Message);
        }
    }
}
