using System.Text.Json.Nodes;

namespace ModelMesh.Kubernetes.Tests.Deploy;

/// <summary>
/// The subset of kustomize that deploy/kubernetes uses (no kubectl here), applied in kustomize's order: resources
/// (files and kustomization directories, rendered first), patches (strategic merge: maps merged, lists of named maps
/// such as containers merged by name, other lists replaced), images (newName/newTag), namespace (namespaced kinds and
/// ServiceAccount subjects of bindings) and commonLabels (labels, plus workload selectors and pod templates, and
/// Service selectors).
/// </summary>
public static class Kustomizer
{
    private static readonly HashSet<string> ClusterScoped = ["Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding"];
    private static readonly HashSet<string> Workloads = ["Deployment", "StatefulSet", "DaemonSet"];

    public static List<JsonObject> Render(string directory)
    {
        var kustomization = YamlJson.LoadAll(File.ReadAllText(Path.Combine(directory, "kustomization.yaml"))).Single();
        var objects = new List<JsonObject>();
        foreach (var resource in Strings(kustomization["resources"]))
        {
            var path = Path.GetFullPath(Path.Combine(directory, resource));
            objects.AddRange(Directory.Exists(path) ? Render(path) : YamlJson.LoadAll(File.ReadAllText(path)));
        }

        foreach (var patch in kustomization["patches"]?.AsArray() ?? [])
        {
            foreach (var patchObject in YamlJson.LoadAll(File.ReadAllText(Path.Combine(directory, patch!["path"]!.GetValue<string>()))))
            {
                var target = objects.Single(o => Kind(o) == Kind(patchObject) && Name(o) == Name(patchObject));
                MergeStrategic(target, patchObject);
            }
        }

        foreach (var image in kustomization["images"]?.AsArray() ?? [])
        {
            foreach (var container in objects.SelectMany(Containers))
            {
                SetImage(container, image!.AsObject());
            }
        }

        if (kustomization["namespace"]?.GetValue<string>() is { } ns)
        {
            foreach (var obj in objects.Where(o => !ClusterScoped.Contains(Kind(o))))
            {
                obj["metadata"]!["namespace"] = ns;
                foreach (var subject in obj["subjects"]?.AsArray() ?? [])
                {
                    if (subject!["kind"]?.GetValue<string>() == "ServiceAccount")
                    {
                        subject["namespace"] = ns;
                    }
                }
            }
        }

        if (kustomization["commonLabels"] is JsonObject labels)
        {
            foreach (var obj in objects)
            {
                AddLabels(obj, "metadata", "labels")(labels);
                if (Workloads.Contains(Kind(obj)))
                {
                    AddLabels(obj, "spec", "selector", "matchLabels")(labels);
                    AddLabels(obj, "spec", "template", "metadata", "labels")(labels);
                }
                else if (Kind(obj) == "Service")
                {
                    AddLabels(obj, "spec", "selector")(labels);
                }
            }
        }

        return objects;
    }

    public static string Kind(JsonObject obj) => obj["kind"]!.GetValue<string>();

    public static string Name(JsonObject obj) => obj["metadata"]!["name"]!.GetValue<string>();

    public static IEnumerable<JsonObject> Containers(JsonObject obj) =>
        (obj["spec"]?["template"]?["spec"]?["containers"]?.AsArray() ?? []).Concat(obj["spec"]?["template"]?["spec"]?["initContainers"]?.AsArray() ?? []).Select(c => c!.AsObject());

    private static IEnumerable<string> Strings(JsonNode? node) => node?.AsArray().Select(n => n!.GetValue<string>()) ?? [];

    private static void SetImage(JsonObject container, JsonObject image)
    {
        var current = container["image"]!.GetValue<string>();
        var (name, tag) = current.LastIndexOf(':') is var colon and > 0 && !current[colon..].Contains('/', StringComparison.Ordinal)
            ? (current[..colon], current[(colon + 1)..])
            : (current, null);
        if (name != image["name"]!.GetValue<string>())
        {
            return;
        }

        name = image["newName"]?.GetValue<string>() ?? name;
        tag = image["newTag"]?.GetValue<string>() ?? tag;
        container["image"] = tag is null ? name : $"{name}:{tag}";
    }

    private static Action<JsonObject> AddLabels(JsonObject obj, params string[] path) => labels =>
    {
        JsonObject node = obj;
        foreach (var part in path)
        {
            node = node[part] as JsonObject ?? (JsonObject)(node[part] = new JsonObject());
        }

        foreach (var (key, value) in labels)
        {
            node[key] = value?.DeepClone();
        }
    };

    private static void MergeStrategic(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is JsonObject patchMap && target[key] is JsonObject targetMap)
            {
                MergeStrategic(targetMap, patchMap);
            }
            else if (value is JsonArray patchList && target[key] is JsonArray targetList && patchList.All(i => i is JsonObject o && o["name"] is not null))
            {
                foreach (var item in patchList)
                {
                    var name = item!["name"]!.GetValue<string>();
                    if (targetList.FirstOrDefault(t => t?["name"]?.GetValue<string>() == name) is JsonObject existing)
                    {
                        MergeStrategic(existing, item.AsObject());
                    }
                    else
                    {
                        targetList.Add(item.DeepClone());
                    }
                }
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }
}
