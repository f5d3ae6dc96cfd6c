using ModelMesh.Registry;

namespace ModelMesh.Placement;

/// <summary>Static eligibility tests of placement: labels, device class, exclusion.</summary>
internal static class SiloFilter
{
    public static bool MatchesLabels(SiloRecord silo, IReadOnlyDictionary<string, string> required)
    {
        if (required.Count == 0)
        {
            return true;
        }

        foreach (var (key, value) in required)
        {
            if (!silo.Labels.TryGetValue(key, out var actual) || !string.Equals(actual, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsOfClass(DeviceCapacity device, string deviceClass) =>
        string.Equals(device.DeviceClass, deviceClass, StringComparison.OrdinalIgnoreCase);

    public static bool Contains(IReadOnlyCollection<string> ids, string siloId)
    {
        if (ids.Count == 0)
        {
            return false;
        }

        switch (ids)
        {
            case IReadOnlySet<string> set:
                return set.Contains(siloId);
            case ICollection<string> collection:
                return collection.Contains(siloId);
        }

        foreach (var id in ids)
        {
            if (string.Equals(id, siloId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
