using System.Security.Cryptography;
using System.Text;

namespace ModelMesh.Kubernetes.Resources;

/// <summary>
/// The concrete mesh model a resource asks for. <see cref="ModelId"/> is <c>{name}__{hash}</c> over everything that
/// makes the model what it is, so a spec change gives a new model id and the vmodel <see cref="Name"/> moves to it.
/// </summary>
public sealed record MeshModelSpec(string Name, string ModelId, string StorageUri, string? StorageKey, string Format, long SizeHintBytes, string DeviceClass)
{
    /// <summary>The separator between a resource's name and its spec hash in concrete model ids.</summary>
    public const string HashSeparator = "__";

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    public static MeshModelSpec Create(KubeResource resource, string storageUri, string? storageKey, string format, long sizeHintBytes = 0, string deviceClass = "cpu")
    {
        ArgumentNullException.ThrowIfNull(resource);
        var identity = string.Join('\n', resource.Namespace, resource.Kind.Kind, resource.Name, storageUri, storageKey ?? "", format, sizeHintBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), deviceClass);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..10];
        return new MeshModelSpec(resource.Name, resource.Name + HashSeparator + hash, storageUri, storageKey, format, sizeHintBytes, deviceClass);
    }

    /// <summary>Whether <paramref name="modelId"/> is a concrete model id of the resource named <paramref name="name"/>.</summary>
    public static bool IsModelOf(string modelId, string name) =>
        modelId.Length == name.Length + HashSeparator.Length + 10
        && modelId.StartsWith(name + HashSeparator, StringComparison.Ordinal)
        && modelId.AsSpan(name.Length + HashSeparator.Length).IndexOfAnyExcept(LowerHex) < 0;
}
