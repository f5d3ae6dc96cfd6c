using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ModelMesh.Kubernetes.Tests.ApiDouble;

/// <summary>
/// core/v1 Secrets in the DOUBLE (see <see cref="KubeApiDouble"/>): list (<c>SecretList</c>), watch (chunked JSON lines)
/// and get, with <c>data</c> base64-encoded as the API server sends it. Authorization is what the Role in
/// deploy/kubernetes grants (Secrets restricted by resourceNames): a list or watch must carry
/// <c>fieldSelector=metadata.name=NAME</c> of an allowed name and a get must name one, else 403 Forbidden.
/// </summary>
public sealed partial class KubeApiDouble
{
    private const string Secrets = "secrets";

    /// <summary>The Secret names the double lets the controller read (the Role's resourceNames).</summary>
    public IReadOnlySet<string> ReadableSecrets { get; set; } = new HashSet<string>(StringComparer.Ordinal) { "storage-config" };

    /// <summary>Creates (ADDED) or replaces the data of (MODIFIED) a Secret from plain text values, as <c>kubectl apply</c> of its <c>stringData</c> would.</summary>
    public void ApplySecret(string name, IReadOnlyDictionary<string, string> stringData)
    {
        var data = new JsonObject();
        foreach (var (key, value) in stringData)
        {
            data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
        }

        lock (_lock)
        {
            if (_objects.TryGetValue((Secrets, name), out var existing))
            {
                existing["data"] = data;
                Publish(Secrets, "MODIFIED", existing);
            }
            else
            {
                var secret = new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "Secret",
                    ["metadata"] = new JsonObject
                    {
                        ["name"] = name,
                        ["namespace"] = Namespace,
                        ["uid"] = Guid.NewGuid().ToString(),
                        ["creationTimestamp"] = "2026-01-01T00:00:00Z",
                    },
                    ["type"] = "Opaque",
                    ["data"] = data,
                };
                _objects[(Secrets, name)] = secret;
                Publish(Secrets, "ADDED", secret);
            }
        }
    }

    public void DeleteSecret(string name) => Delete(Secrets, name);

    private void MapSecretRoutes(IEndpointRouteBuilder app)
    {
        const string secrets = "/api/v1/namespaces/{ns}/secrets";
        app.MapGet(secrets, (HttpContext context) =>
        {
            var selector = context.Request.Query["fieldSelector"].ToString();
            var name = selector.StartsWith("metadata.name=", StringComparison.Ordinal) ? selector["metadata.name=".Length..] : null;
            if (name is null || !ReadableSecrets.Contains(name))
            {
                return Forbidden(context.Request.Query["watch"] == "true" ? "watch" : "list", null).ExecuteAsync(context);
            }

            return context.Request.Query["watch"] == "true"
                ? WatchAsync(context, Secrets, name)
                : List(Secrets, name, "v1", "SecretList").ExecuteAsync(context);
        });
        app.MapGet(secrets + "/{name}", (string name) =>
            !ReadableSecrets.Contains(name) ? Forbidden("get", name)
            : Get(Secrets, name) is { } secret ? Json(secret)
            : Json(Status(404, "NotFound", $"secrets \"{name}\" not found"), 404));
    }

    private IResult Forbidden(string verb, string? name) => Json(Status(403, "Forbidden",
        $"secrets{(name is null ? "" : $" \"{name}\"")} is forbidden: User \"system:serviceaccount:{Namespace}:modelmesh\" cannot {verb} resource \"secrets\" in API group \"\" in the namespace \"{Namespace}\""), 403);
}
