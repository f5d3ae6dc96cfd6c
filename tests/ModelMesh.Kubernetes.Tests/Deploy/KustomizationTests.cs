using System.Text.Json.Nodes;

namespace ModelMesh.Kubernetes.Tests.Deploy;

/// <summary>deploy/kubernetes rendered by the kustomize subset it uses (<see cref="Kustomizer"/>): every piece is there and wired.</summary>
public sealed class KustomizationTests
{
    private static readonly string Base = Path.Combine(AppContext.BaseDirectory, "deploy", "kubernetes");

    [Fact]
    public void Base_RendersEveryPieceInItsNamespaceWithConsistentLabels()
    {
        var objects = Kustomizer.Render(Base);
        Assert.Equal(3, objects.Count(o => Kustomizer.Kind(o) == "CustomResourceDefinition"));
        foreach (var (kind, name) in new[] { ("ServiceAccount", "modelmesh"), ("Secret", "storage-config"), ("StatefulSet", "modelmesh-redis"), ("StatefulSet", "modelmesh-silo"), ("Deployment", "modelmesh-frontdoor"), ("Deployment", "modelmesh-controller"), ("Service", "modelmesh-serving") })
        {
            var obj = Assert.Single(objects, o => Kustomizer.Kind(o) == kind && Kustomizer.Name(o) == name);
            Assert.Equal("modelmesh-serving", obj["metadata"]!["namespace"]!.GetValue<string>());
            Assert.Equal("modelmesh", obj["metadata"]!["labels"]!["app.kubernetes.io/part-of"]!.GetValue<string>());
        }

        foreach (var workload in objects.Where(o => Kustomizer.Kind(o) is "Deployment" or "StatefulSet"))
        {
            var selector = workload["spec"]!["selector"]!["matchLabels"]!.AsObject();
            var podLabels = workload["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
            Assert.All(selector, l => Assert.Equal(l.Value!.GetValue<string>(), podLabels[l.Key]!.GetValue<string>()));
            Assert.All(Kustomizer.Containers(workload).Where(c => c["image"]!.GetValue<string>().Contains("modelmesh", StringComparison.Ordinal)),
                c => Assert.Equal("ghcr.io/modelmesh/modelmesh:latest", c["image"]!.GetValue<string>()));
        }

        var serving = objects.Single(o => Kustomizer.Name(o) == "modelmesh-serving" && Kustomizer.Kind(o) == "Service");
        Assert.Equal([8033L, 8008L, 2112L], serving["spec"]!["ports"]!.AsArray().Select(p => p!["port"]!.GetValue<long>()));
        var frontDoor = objects.Single(o => Kustomizer.Name(o) == "modelmesh-frontdoor");
        Assert.All(serving["spec"]!["selector"]!.AsObject(), l => Assert.Equal(l.Value!.GetValue<string>(), frontDoor["spec"]!["template"]!["metadata"]!["labels"]![l.Key]!.GetValue<string>()));
    }

    [Fact]
    public void Silos_CarryThePodIdentityOrleansReads()
    {
        var silo = Kustomizer.Render(Base).Single(o => Kustomizer.Name(o) == "modelmesh-silo" && Kustomizer.Kind(o) == "StatefulSet");
        var env = Kustomizer.Containers(silo).Single()["env"]!.AsArray();
        foreach (var (name, field) in new[] { ("POD_NAME", "metadata.name"), ("POD_NAMESPACE", "metadata.namespace"), ("POD_IP", "status.podIP") })
        {
            Assert.Contains(env, e => e!["name"]!.GetValue<string>() == name && e["valueFrom"]!["fieldRef"]!["fieldPath"]!.GetValue<string>() == field);
        }

        Assert.Equal("modelmesh", silo["spec"]!["template"]!["spec"]!["serviceAccountName"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("StatefulSet", "modelmesh-silo")]
    [InlineData("Deployment", "modelmesh-frontdoor")]
    public void StorageConfigSecret_IsMountedWhereKeysAreChecked(string kind, string name)
    {
        // Silos download with it, the front door checks keys at registration (docs/storage.md).
        var workload = Kustomizer.Render(Base).Single(o => Kustomizer.Kind(o) == kind && Kustomizer.Name(o) == name);
        var volume = workload["spec"]!["template"]!["spec"]!["volumes"]!.AsArray().Single(v => v!["secret"]?["secretName"]?.GetValue<string>() == "storage-config")!;
        var container = Kustomizer.Containers(workload).Single();
        var mount = container["volumeMounts"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == volume["name"]!.GetValue<string>())!;
        Assert.Contains(container["args"]!.AsArray(), a => a!.GetValue<string>() == "--storage-config=" + mount["mountPath"]!.GetValue<string>());
    }

    [Fact]
    public void Rbac_GrantsLeastRightsAndNoWildcards()
    {
        var objects = Kustomizer.Render(Base);
        Assert.DoesNotContain(objects, o => Kustomizer.Kind(o) is "ClusterRole" or "ClusterRoleBinding");
        var rules = objects.Where(o => Kustomizer.Kind(o) == "Role").ToDictionary(Kustomizer.Name, o => o["rules"]!.AsArray());
        Assert.DoesNotContain(rules.Values.SelectMany(r => r).SelectMany(r => r!["verbs"]!.AsArray().Concat(r["resources"]!.AsArray())), v => v!.GetValue<string>() == "*");
        Assert.Equal(["get", "list", "watch", "patch", "delete"], Verbs(rules["modelmesh-orleans"], "pods"));
        Assert.Equal(["get", "list", "watch"], Verbs(rules["modelmesh-controller"], "predictors"));
        Assert.Equal(["get", "patch", "update"], Verbs(rules["modelmesh-controller"], "predictors/status"));
        Assert.Equal(["get", "create", "update"], Verbs(rules["modelmesh-controller"], "leases"));
        Assert.Equal(["get", "list", "watch"], Verbs(rules["modelmesh-controller"], "secrets"));
        Assert.All(rules.Values.SelectMany(r => r).Where(r => r!["resources"]!.AsArray().Any(x => x!.GetValue<string>() == "secrets")),
            r => Assert.Equal(["storage-config"], r!["resourceNames"]!.AsArray().Select(n => n!.GetValue<string>())));
        var secret = Assert.Single(objects, o => Kustomizer.Kind(o) == "Secret");
        Assert.Equal("storage-config", Kustomizer.Name(secret));
        Assert.All(objects.Where(o => Kustomizer.Kind(o) == "RoleBinding"), b => Assert.Equal("modelmesh-serving", b["subjects"]![0]!["namespace"]!.GetValue<string>()));
    }

    [Fact]
    public void GpuOverlay_AsksForAGpuAndTheGpuImageAndKeepsTheRest()
    {
        var objects = Kustomizer.Render(Path.Combine(Base, "overlays", "gpu"));
        var silo = Kustomizer.Containers(objects.Single(o => Kustomizer.Name(o) == "modelmesh-silo" && Kustomizer.Kind(o) == "StatefulSet")).Single();
        Assert.Equal(1L, silo["resources"]!["limits"]!["nvidia.com/gpu"]!.GetValue<long>());
        Assert.Equal("3Gi", silo["resources"]!["limits"]!["memory"]!.GetValue<string>());
        Assert.Equal("ghcr.io/modelmesh/modelmesh:latest-gpu", silo["image"]!.GetValue<string>());
        Assert.Contains(silo["args"]!.AsArray(), a => a!.GetValue<string>().StartsWith("--gpu-capacity=", StringComparison.Ordinal));
        Assert.NotNull(silo["env"]);
        var frontDoor = Kustomizer.Containers(objects.Single(o => Kustomizer.Name(o) == "modelmesh-frontdoor")).Single();
        Assert.Null(frontDoor["resources"]!["limits"]!["nvidia.com/gpu"]);
        Assert.Equal("ghcr.io/modelmesh/modelmesh:latest-gpu", frontDoor["image"]!.GetValue<string>());
    }

    private static string[] Verbs(JsonArray rules, string resource) =>
        [.. rules.Single(r => r!["resources"]!.AsArray().Any(x => x!.GetValue<string>() == resource))!["verbs"]!.AsArray().Select(v => v!.GetValue<string>())];
}
