using Microsoft.Extensions.Logging;

namespace ModelMesh.Storage.Cache;

/// <summary>
/// The local model cache: one folder per model source (CACHE/&lt;hash&gt;/model.onnx), a size limit kept by deleting the
/// least recently used files, and pins. Invariants: a pinned file (held by a lease: a loaded model, a load in progress)
/// is never deleted; used + reserved bytes stay within the limit (a download reserves its announced size before it
/// starts and commits its real size after); a file appears under its final name only complete and verified (written as
/// *.partial, then renamed). One process owns a cache folder: it holds CACHE/.lock exclusively, and a second owner is
/// refused rather than allowed to delete files the first is using.
/// </summary>
internal sealed class ModelFileCache : IDisposable
{
    public const string FileName = "model.onnx";

    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly FileStream _lock;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _used;
    private long _reserved;

    public ModelFileCache(string directory, long limitBytes, TimeProvider time, ILogger logger)
    {
        Directory = System.IO.Directory.CreateDirectory(directory).FullName;
        LimitBytes = limitBytes;
        _time = time;
        _logger = logger;
        try
        {
            _lock = new FileStream(Path.Combine(Directory, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException(
                $"model cache directory {Directory} is in use by another process; give each silo its own (--model-cache-dir)", e);
        }

        foreach (var folder in System.IO.Directory.EnumerateDirectories(Directory))
        {
            foreach (var partial in System.IO.Directory.EnumerateFiles(folder, "*.partial"))
            {
                File.Delete(partial); // a download cut short by a crash
            }

            var file = new FileInfo(Path.Combine(folder, FileName));
            if (file.Exists)
            {
                _entries[Path.GetFileName(folder)] = new Entry(file.FullName, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero));
                _used += file.Length;
            }
        }

        StorageLog.CacheOpened(_logger, Directory, _entries.Count, _used, LimitBytes);
    }

    public string Directory { get; }

    public long LimitBytes { get; }

    public long UsedBytes
    {
        get
        {
            lock (_gate)
            {
                return _used;
            }
        }
    }

    public bool Contains(string key)
    {
        lock (_gate)
        {
            return _entries.ContainsKey(key);
        }
    }

    public long? SizeOf(string key)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(key, out var entry) ? entry.Size : null;
        }
    }

    /// <summary>Pins a complete cached file; false when it is not (or no longer) there.</summary>
    public bool TryPin(string key, out string path, out long size)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry) && File.Exists(entry.Path))
            {
                entry.Pins++;
                entry.LastUsed = _time.GetUtcNow();
                (path, size) = (entry.Path, entry.Size);
                return true;
            }

            if (entry is not null)
            {
                _entries.Remove(key); // deleted behind our back
                _used -= entry.Size;
            }

            (path, size) = (string.Empty, 0);
            return false;
        }
    }

    public void Unpin(string key)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                entry.Pins--;
                entry.LastUsed = _time.GetUtcNow();
            }
        }
    }

    /// <summary>Makes room for <paramref name="bytes"/> more and reserves them; a non-transient failure when they cannot fit.</summary>
    public void Reserve(long bytes, string display)
    {
        lock (_gate)
        {
            MakeRoomLocked(bytes, display);
            _reserved += bytes;
        }
    }

    public void Unreserve(long bytes)
    {
        lock (_gate)
        {
            _reserved -= bytes;
        }
    }

    /// <summary>A fresh temporary path in the key's folder.</summary>
    public string TempPath(string key)
    {
        var folder = System.IO.Directory.CreateDirectory(Path.Combine(Directory, key)).FullName;
        return Path.Combine(folder, $"{FileName}.{Guid.NewGuid():N}.partial");
    }

    /// <summary>Renames a complete, verified download into place and records it; its reservation becomes its real size.</summary>
    public void Commit(string key, string tempPath, long size, long reserved, string display)
    {
        lock (_gate)
        {
            _reserved -= reserved;
            if (size > reserved)
            {
                try
                {
                    MakeRoomLocked(size, display);
                }
                catch
                {
                    File.Delete(tempPath);
                    throw;
                }
            }

            var final = Path.Combine(Directory, key, FileName);
            File.Move(tempPath, final, overwrite: true);
            if (_entries.Remove(key, out var previous))
            {
                _used -= previous.Size;
            }

            _entries[key] = new Entry(final, size, _time.GetUtcNow());
            _used += size;
        }
    }

    public void Dispose() => _lock.Dispose();

    private void MakeRoomLocked(long bytes, string display)
    {
        if (bytes > LimitBytes)
        {
            throw new ModelDownloadException(
                $"{display} is {bytes} bytes, more than the model cache limit of {LimitBytes} bytes (ModelMesh:Storage:CacheSizeLimitBytes)", transient: false);
        }

        while (_used + _reserved + bytes > LimitBytes)
        {
            var victim = _entries.Where(e => e.Value.Pins == 0).OrderBy(e => e.Value.LastUsed).FirstOrDefault();
            if (victim.Value is null)
            {
                throw new ModelDownloadException(
                    $"the model cache has no room for {display} ({bytes} bytes): {_used} of {LimitBytes} bytes are held by models in use and {_reserved} by downloads",
                    transient: false);
            }

            _entries.Remove(victim.Key);
            _used -= victim.Value.Size;
            try
            {
                System.IO.Directory.Delete(Path.GetDirectoryName(victim.Value.Path)!, recursive: true);
            }
            catch (IOException)
            {
                // Gone already, or a partial file of a concurrent download of the same key is open: the bytes are uncounted either way.
            }

            StorageLog.Evicted(_logger, victim.Value.Path, victim.Value.Size, bytes);
        }
    }

    private sealed class Entry(string path, long size, DateTimeOffset lastUsed)
    {
        public string Path { get; } = path;

        public long Size { get; } = size;

        public DateTimeOffset LastUsed { get; set; } = lastUsed;

        public int Pins { get; set; }
    }
}
