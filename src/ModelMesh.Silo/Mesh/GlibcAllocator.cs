using System.Runtime.InteropServices;

namespace ModelMesh.Silo.Mesh;

/// <summary>
/// Makes freed model memory go back to the OS. glibc's malloc otherwise keeps the weight buffers of unloaded
/// models in its heaps (its mmap threshold adapts upwards after the first large frees), so a silo that
/// accounts its capacity exactly would still grow hundreds of MiB past it under churn. With a fixed 128 KiB
/// mmap threshold, large buffers are mmap'ed and unmapped on free; a trim after unloads returns the rest.
/// No-op where the C library is not glibc.
/// </summary>
public static partial class GlibcAllocator
{
    private const int MTrimThreshold = -1;
    private const int MMmapThreshold = -3;
    private const int Threshold = 128 * 1024;
    private static int configured;
    private static int trimPending;

    /// <summary>Sets the fixed thresholds once per process.</summary>
    public static bool Configure()
    {
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref configured, 1) == 1)
        {
            return false;
        }

        try
        {
            return mallopt(MMmapThreshold, Threshold) == 1 && mallopt(MTrimThreshold, Threshold) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Returns free heap memory to the OS soon, at most once per second however many unloads ask.</summary>
    public static void TrimSoon()
    {
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref trimPending, 1) == 1)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            Interlocked.Exchange(ref trimPending, 0);
            try
            {
                _ = malloc_trim(0);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // Not glibc: nothing to trim.
            }
        });
    }

    /// <summary>Returns free heap memory to the OS now (before an RSS measurement); no-op where the C library is not glibc.</summary>
    public static void TrimNow()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            _ = malloc_trim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc: nothing to trim.
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int mallopt(int param, int value);

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int malloc_trim(nuint pad);
}
