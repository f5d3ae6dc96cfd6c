using System.Globalization;
using ModelMesh.Contracts.Management;

namespace ModelMesh.Host.Cli.ClientCommands;

/// <summary>A model's status as text: the state, every copy (silo, state, device, size, since) and the errors.</summary>
internal static class ModelStatusView
{
    public static void Write(TextWriter writer, ModelStatusInfo status)
    {
        writer.WriteLine($"Model:   {status.ModelId}");
        writer.WriteLine($"Status:  {StatusNames.Of(status.Status)}");
        if (status.Copies.Count == 0)
        {
            writer.WriteLine("Copies:  none");
        }
        else
        {
            writer.WriteLine($"Copies:  {status.Copies.Count}");
            var table = new TextTable("  SILO", "STATE", "DEVICE", ">SIZE", "SINCE");
            foreach (var copy in status.Copies)
            {
                table.AddRow("  " + copy.Silo, copy.State, Or(copy.Device, "-"), ByteSize.Format(copy.SizeBytes), Since(copy.SinceUnixMs));
            }

            table.WriteTo(writer);
        }

        if (status.Errors.Count > 0)
        {
            writer.WriteLine("Errors:");
            foreach (var error in status.Errors)
            {
                writer.WriteLine("  " + error);
            }
        }
    }

    internal static string Since(long unixMs) => unixMs <= 0
        ? "-"
        : DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Or(string value, string fallback) => value.Length > 0 ? value : fallback;
}
