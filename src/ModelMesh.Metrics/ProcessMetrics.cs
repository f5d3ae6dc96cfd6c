using System.Diagnostics;
using System.Globalization;

namespace ModelMesh.Metrics;

/// <summary>
/// The standard process metrics (the names every Prometheus client library exports) and .NET runtime metrics, read at
/// scrape time: process_cpu_seconds_total, process_resident_memory_bytes, process_virtual_memory_bytes,
/// process_start_time_seconds, process_open_fds, process_max_fds, process_threads, dotnet_gc_collections_total{generation},
/// dotnet_gc_heap_size_bytes, dotnet_gc_allocated_bytes_total, dotnet_gc_pause_seconds_total, dotnet_threadpool_threads,
/// dotnet_threadpool_queue_length. Gauges that are counts carry no unit suffix and never <c>_total</c> (promtool
/// reserves <c>_total</c> for counters). The fd metrics need /proc and are left out elsewhere.
/// </summary>
public static class ProcessMetrics
{
    private static readonly string[] Generations = ["0", "1", "2"];

    public static void Register(MetricsRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var process = Process.GetCurrentProcess();
        var gate = new Lock();
        T Read<T>(Func<Process, T> read)
        {
            lock (gate)
            {
                process.Refresh();
                return read(process);
            }
        }

        var start = new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0;
        registry.CreateCallback("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.", MetricType.Counter, [],
            () => [LabeledValue.Of(Read(p => p.TotalProcessorTime.TotalSeconds))]);
        registry.CreateCallbackGauge("process_resident_memory_bytes", "Resident memory size in bytes.", () => Read(p => p.WorkingSet64));
        registry.CreateCallbackGauge("process_virtual_memory_bytes", "Virtual memory size in bytes.", () => Read(p => p.VirtualMemorySize64));
        registry.CreateCallbackGauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds.", () => start);
        registry.CreateCallbackGauge("process_threads", "Number of OS threads in the process.", () => Read(p => p.Threads.Count));
        if (Directory.Exists("/proc/self/fd"))
        {
            registry.CreateCallbackGauge("process_open_fds", "Number of open file descriptors.", () => Directory.GetFileSystemEntries("/proc/self/fd").Length);
            var maxFds = MaxOpenFiles();
            if (maxFds is { } max)
            {
                registry.CreateCallbackGauge("process_max_fds", "Maximum number of open file descriptors.", () => max);
            }
        }

        registry.CreateCallback("dotnet_gc_collections_total", "Garbage collections since the process started, by generation.", MetricType.Counter, ["generation"],
            () => Generations.Select(g => LabeledValue.Of(g, GC.CollectionCount(int.Parse(g, CultureInfo.InvariantCulture)))));
        registry.CreateCallbackGauge("dotnet_gc_heap_size_bytes", "GC heap size in bytes as of the last collection.", () => GC.GetGCMemoryInfo().HeapSizeBytes);
        registry.CreateCallback("dotnet_gc_allocated_bytes_total", "Bytes allocated on the GC heap since the process started.", MetricType.Counter, [],
            () => [LabeledValue.Of(GC.GetTotalAllocatedBytes())]);
        registry.CreateCallback("dotnet_gc_pause_seconds_total", "Time the runtime was paused for garbage collection, in seconds.", MetricType.Counter, [],
            () => [LabeledValue.Of(GC.GetTotalPauseDuration().TotalSeconds)]);
        registry.CreateCallbackGauge("dotnet_threadpool_threads", "Thread pool threads.", () => ThreadPool.ThreadCount);
        registry.CreateCallbackGauge("dotnet_threadpool_queue_length", "Work items queued to the thread pool and not yet started.", () => ThreadPool.PendingWorkItemCount);
    }

    private static double? MaxOpenFiles()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/limits"))
            {
                if (line.StartsWith("Max open files", StringComparison.Ordinal))
                {
                    var fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return fields.Length > 0 && double.TryParse(fields[0], CultureInfo.InvariantCulture, out var soft) ? soft : null;
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }
}
