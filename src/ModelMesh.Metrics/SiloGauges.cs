using Prometheus;

namespace ModelMesh.Metrics;

/// <summary>
/// The silo instance gauges (label <c>silo</c>, and <c>device</c> for memory), set from the silos' readings before each
/// collection; series of silos (or devices) that are gone, and LRU ages that are absent, are removed.
/// </summary>
internal sealed class SiloGauges
{
    private readonly Gauge _modelsLoaded;
    private readonly Gauge _copies;
    private readonly Gauge _lruAge;
    private readonly Gauge _capacity;
    private readonly Gauge _used;

    public SiloGauges(IMetricFactory factory)
    {
        _modelsLoaded = factory.CreateGauge(MetricNames.ModelsLoaded, "Model copies loaded on the silo.", ["silo"]);
        _copies = factory.CreateGauge(MetricNames.InstanceModels, "Model copies held by the silo in any state (loading, loaded, failed).", ["silo"]);
        _lruAge = factory.CreateGauge(MetricNames.InstanceLruAge, "Seconds since the least recently used evictable copy on the silo was used.", ["silo"]);
        _capacity = factory.CreateGauge(MetricNames.InstanceCapacity, "Memory the silo may fill with model copies, per device, in bytes.", ["silo", "device"]);
        _used = factory.CreateGauge(MetricNames.InstanceUsed, "Memory used by model copies (loading and loaded), per device, in bytes.", ["silo", "device"]);
    }

    /// <summary>Sets every series from the readings; the caller serializes calls.</summary>
    public void Update(IReadOnlyList<(string SiloId, SiloGaugeReading Reading)> silos)
    {
        var bySilo = new HashSet<string>(StringComparer.Ordinal);
        var withAge = new HashSet<string>(StringComparer.Ordinal);
        var byDevice = new HashSet<(string, string)>();
        foreach (var (silo, reading) in silos)
        {
            bySilo.Add(silo);
            _modelsLoaded.WithLabels(silo).Set(reading.ModelsLoaded);
            _copies.WithLabels(silo).Set(reading.Copies);
            if (reading.LruAgeSeconds is { } age)
            {
                withAge.Add(silo);
                _lruAge.WithLabels(silo).Set(age);
            }

            foreach (var device in reading.Devices)
            {
                if (byDevice.Add((silo, device.Device)))
                {
                    _capacity.WithLabels(silo, device.Device).Set(device.CapacityBytes);
                    _used.WithLabels(silo, device.Device).Set(device.UsedBytes);
                }
            }
        }

        RemoveOthers(_modelsLoaded, labels => bySilo.Contains(labels[0]));
        RemoveOthers(_copies, labels => bySilo.Contains(labels[0]));
        RemoveOthers(_lruAge, labels => withAge.Contains(labels[0]));
        RemoveOthers(_capacity, labels => byDevice.Contains((labels[0], labels[1])));
        RemoveOthers(_used, labels => byDevice.Contains((labels[0], labels[1])));
    }

    private static void RemoveOthers(Gauge gauge, Func<string[], bool> keep)
    {
        foreach (var labels in gauge.GetAllLabelValues().ToList())
        {
            if (!keep(labels))
            {
                gauge.RemoveLabelled(labels);
            }
        }
    }
}
