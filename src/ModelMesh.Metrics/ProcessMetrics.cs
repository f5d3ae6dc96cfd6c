using System.Diagnostics;
using System.Globalization;
using Prometheus;

namespace ModelMesh.Metrics;

/// <summary>
/// The standard process metrics (the names every Prometheus client library exports) and .NET runtime metrics, as
/// prometheus-net collectors set before each collection: process_cpu_seconds_total, process_resident_memory_bytes,
/// process_virtual_memory_bytes, process_start_time_seconds, process_open_fds, process_max_fds, process_threads,
/// dotnet_gc_collections_total{generation}, dotnet_gc_heap_size_bytes, dotnet_gc_allocated_bytes_total,
/// dotnet_gc_pause_seconds_total, dotnet_threadpool_threads, dotnet_threadpool_queue_length. (prometheus-net's own
/// <c>DotNetStats</c> uses other names, e.g. process_working_set_bytes; docs/metrics.md promises these.) Gauges that
/// are counts carry no unit suffix and never <c>_total</c>. The fd metrics need /proc and are left out elsewhere.
/// </summary>
public static class ProcessMetrics
{
    public static void Register(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        var process = Process.GetCurrentProcess();
        var gate = new Lock();

        var cpu = factory.CreateCounter("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.");
        var resident = factory.CreateGauge("process_resident_memory_bytes", "Resident memory size in bytes.");
        var virtualBytes = factory.CreateGauge("process_virtual_memory_bytes", "Virtual memory size in bytes.");
        factory.CreateGauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds.").SetToTimeUtc(new DateTimeOffset(process.StartTime));
        var threads = factory.CreateGauge("process_threads", "Number of OS threads in the process.");
        var openFds = Directory.Exists("/proc/self/fd") ? factory.CreateGauge("process_open_fds", "Number of open file descriptors.") : null;
        if (openFds is not null && MaxOpenFiles() is { } maxFds)
        {
            factory.CreateGauge("process_max_fds", "Maximum number of open file descriptors.").Set(maxFds);
        }

        var collections = factory.CreateCounter("dotnet_gc_collections_total", "Garbage collections since the process started, by generation.", ["generation"]);
        var generations = Enumerable.Range(0, 3).Select(g => collections.WithLabels(g.ToString(CultureInfo.InvariantCulture))).ToArray();
        var heapSize = factory.CreateGauge("dotnet_gc_heap_size_bytes", "GC heap size in bytes as of the last collection.");
        var allocated = factory.CreateCounter("dotnet_gc_allocated_bytes_total", "Bytes allocated on the GC heap since the process started.");
        var pause = factory.CreateCounter("dotnet_gc_pause_seconds_total", "Time the runtime was paused for garbage collection, in seconds.");
        var poolThreads = factory.CreateGauge("dotnet_threadpool_threads", "Thread pool threads.");
        var poolQueue = factory.CreateGauge("dotnet_threadpool_queue_length", "Work items queued to the thread pool and not yet started.");

        registry.AddBeforeCollectCallback(() =>
        {
            lock (gate)
            {
                process.Refresh();
                cpu.IncTo(process.TotalProcessorTime.TotalSeconds);
                resident.Set(process.WorkingSet64);
                virtualBytes.Set(process.VirtualMemorySize64);
                threads.Set(process.Threads.Count);
            }

            openFds?.Set(Directory.GetFileSystemEntries("/proc/self/fd").Length);
            for (var g = 0; g < generations.Length; g++)
            {
                generations[g].IncTo(GC.CollectionCount(g));
            }

            heapSize.Set(GC.GetGCMemoryInfo().HeapSizeBytes);
            allocated.IncTo(GC.GetTotalAllocatedBytes());
            pause.IncTo(GC.GetTotalPauseDuration().TotalSeconds);
            poolThreads.Set(ThreadPool.ThreadCount);
            poolQueue.Set(ThreadPool.PendingWorkItemCount);
        });
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
