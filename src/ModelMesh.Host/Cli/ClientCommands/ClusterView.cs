using SiloStatus = ModelMesh.Contracts.Management.SiloStatus;
using System.Globalization;
using ModelMesh.Contracts.Management;

namespace ModelMesh.Host.Cli.ClientCommands;

/// <summary>
/// <c>modelmesh cluster</c> as text: one block per silo (a row per device with used/capacity, and the models it
/// holds, wrapped), then the reverse view (each model and the silos holding it), then a one-line summary.
/// </summary>
internal static class ClusterView
{
    private const int ModelsColumnWidth = 60;

    public static void Write(TextWriter writer, ClusterStatus cluster)
    {
        if (cluster.Degraded)
        {
            writer.WriteLine("WARNING: the front door cannot reach the registry; this is its last known view.");
            writer.WriteLine();
        }

        if (cluster.Silos.Count == 0)
        {
            writer.WriteLine("No silos are registered: start one with 'modelmesh silo' (or run 'modelmesh dev').");
            return;
        }

        var silos = cluster.Silos.OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        var table = new TextTable("SILO", "ADDRESS", "STATE", "DEVICE", ">USED", ">CAPACITY", ">USE%", "MODELS");
        foreach (var silo in silos)
        {
            AddSilo(table, silo);
        }

        table.WriteTo(writer);
        writer.WriteLine();
        WriteModelLocations(writer, silos);
        writer.WriteLine();
        writer.WriteLine(Summary(silos));
    }

    private static void AddSilo(TextTable table, SiloStatus silo)
    {
        var modelLines = Wrap(silo.Models.Order(StringComparer.Ordinal).ToList());
        var rows = Math.Max(1, Math.Max(silo.Devices.Count, modelLines.Count));
        for (var i = 0; i < rows; i++)
        {
            var first = i == 0;
            var device = i < silo.Devices.Count ? silo.Devices[i] : null;
            table.AddRow(
                first ? silo.Id : string.Empty,
                first ? silo.Address : string.Empty,
                first ? silo.State : string.Empty,
                device?.Name ?? (first ? "-" : string.Empty),
                device is null ? string.Empty : ByteSize.Format(device.UsedBytes),
                device is null ? string.Empty : ByteSize.Format(device.CapacityBytes),
                device is null ? string.Empty : Percent(device.UsedBytes, device.CapacityBytes),
                i < modelLines.Count ? modelLines[i] : string.Empty);
        }
    }

    private static void WriteModelLocations(TextWriter writer, List<SiloStatus> silos)
    {
        var locations = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var silo in silos)
        {
            foreach (var model in silo.Models)
            {
                if (!locations.TryGetValue(model, out var holders))
                {
                    locations[model] = holders = [];
                }

                holders.Add(silo.Id);
            }
        }

        if (locations.Count == 0)
        {
            writer.WriteLine("No model is loaded on any silo.");
            return;
        }

        var table = new TextTable("MODEL", ">COPIES", "SILOS");
        foreach (var (model, holders) in locations)
        {
            table.AddRow(model, holders.Count.ToString(CultureInfo.InvariantCulture), string.Join(", ", holders));
        }

        table.WriteTo(writer);
    }

    private static string Summary(List<SiloStatus> silos)
    {
        var states = silos.GroupBy(s => s.State.Length > 0 ? s.State : "unknown", StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} {g.Key}");
        var copies = silos.Sum(s => s.Models.Count);
        var models = silos.SelectMany(s => s.Models).Distinct(StringComparer.Ordinal).Count();
        return $"{Plural(silos.Count, "silo")} ({string.Join(", ", states)}), {Plural(copies, "copy", "copies")} of {Plural(models, "model")}.";
    }

    private static List<string> Wrap(List<string> models)
    {
        var lines = new List<string>();
        var line = string.Empty;
        foreach (var model in models)
        {
            if (line.Length > 0 && line.Length + 2 + model.Length > ModelsColumnWidth)
            {
                lines.Add(line + ",");
                line = string.Empty;
            }

            line = line.Length == 0 ? model : line + ", " + model;
        }

        if (line.Length > 0)
        {
            lines.Add(line);
        }

        return lines;
    }

    private static string Percent(long used, long capacity) =>
        capacity <= 0 ? "-" : (100.0 * used / capacity).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static string Plural(int count, string one, string? many = null) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many ?? one + "s");
}
