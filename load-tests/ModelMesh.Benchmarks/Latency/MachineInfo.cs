using System.Runtime;
using System.Runtime.InteropServices;

namespace ModelMesh.Benchmarks.Latency;

/// <summary>The machine and runtime a run used (CPU model from /proc/cpuinfo where there is one).</summary>
public sealed record MachineInfo(int ProcessorCount, string CpuModel, string OperatingSystem, string DotNetVersion, bool ServerGc, string OrtVersion)
{
    public static MachineInfo Capture(string ortVersion) => new(
        Environment.ProcessorCount,
        ReadCpuModel(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        GCSettings.IsServerGC,
        ortVersion);

    public override string ToString() =>
        $"{ProcessorCount} cores, {CpuModel}; {OperatingSystem}; {DotNetVersion}, {(ServerGc ? "server" : "workstation")} GC; ONNX Runtime {OrtVersion}";

    /// <summary>The 1/5/15-minute load averages from /proc/loadavg ("n/a" elsewhere): how busy the shared machine was.</summary>
    public static string ReadLoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string ReadCpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (!File.Exists(cpuinfo))
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }

        foreach (var line in File.ReadLines(cpuinfo))
        {
            if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
