using ModelMesh.Registry;

namespace ModelMesh.Placement;

/// <summary>What placement saw while filtering, for the failure reason when no candidate is left.</summary>
internal struct CapacitySurvey
{
    public CapacitySurvey()
    {
    }

    /// <summary>Largest capacity of a device of the class on a silo with the labels (draining and excluded silos too); -1 when none.</summary>
    public long LargestCapacity { get; private set; } = -1;

    /// <summary>Largest free plus evictable bytes on a device of the class of an eligible silo.</summary>
    public long LargestReachable { get; set; }

    public int EligibleSilos { get; set; }

    /// <summary>Records the silo's devices of the class; false when it has none.</summary>
    public bool AddStaticMatch(SiloRecord silo, string deviceClass)
    {
        var found = false;
        var devices = silo.Devices;
        for (var d = 0; d < devices.Count; d++)
        {
            if (SiloFilter.IsOfClass(devices[d], deviceClass))
            {
                found = true;
                LargestCapacity = Math.Max(LargestCapacity, devices[d].CapacityBytes);
            }
        }

        return found;
    }
}
