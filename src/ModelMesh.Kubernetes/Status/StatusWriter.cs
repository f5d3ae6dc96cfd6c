using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using ModelMesh.Kubernetes.Resources;

namespace ModelMesh.Kubernetes.Status;

/// <summary>
/// Writes a resource's status through the <c>/status</c> subresource as a JSON merge patch that carries the
/// resourceVersion the status was computed from: the API server answers 409 Conflict when the resource changed in
/// between, and the caller reconciles the newer object instead. An unchanged status is not written at all.
/// </summary>
internal sealed class StatusWriter(IKubernetes kubernetes, string ns)
{
    public enum Result
    {
        Unchanged,
        Written,
        Conflict,
        Gone,
    }

    public async Task<(Result Result, KubeResource? Updated)> WriteAsync(KubeResource resource, JsonObject status, CancellationToken cancellationToken)
    {
        var existing = resource.Status.ValueKind == JsonValueKind.Object ? JsonNode.Parse(resource.Status.GetRawText())!.AsObject() : new JsonObject();
        if (JsonNode.DeepEquals(existing, status))
        {
            return (Result.Unchanged, null);
        }

        var patchStatus = status.DeepClone().AsObject();
        foreach (var (name, _) in existing)
        {
            if (!patchStatus.ContainsKey(name))
            {
                patchStatus[name] = null;   // merge patch: null removes the field
            }
        }

        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = resource.ResourceVersion },
            ["status"] = patchStatus,
        };
        try
        {
            var updated = await kubernetes.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
                new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch),
                ResourceKind.Group, resource.Kind.Version, ns, resource.Kind.Plural, resource.Name, cancellationToken: cancellationToken);
            return (Result.Written, KubeResource.From(resource.Kind, (JsonElement)updated));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            return (Result.Conflict, null);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return (Result.Gone, null);
        }
    }

    /// <summary>The resource as it is now; null when it no longer exists.</summary>
    public async Task<KubeResource?> ReadAsync(ResourceKey key, CancellationToken cancellationToken)
    {
        try
        {
            var obj = await kubernetes.CustomObjects.GetNamespacedCustomObjectAsync(ResourceKind.Group, key.Kind.Version, ns, key.Kind.Plural, key.Name, cancellationToken);
            return KubeResource.From(key.Kind, (JsonElement)obj);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
