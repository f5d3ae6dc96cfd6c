using System.Runtime.CompilerServices;
using ModelMesh.Registry;

namespace ModelMesh.Placement.Tests.Simulation;

/// <summary>
/// A simulated silo: per-device ledgers governed by <see cref="CachePolicy"/>, copy records published as a real
/// silo publishes its copies (Loading on reservation, Loaded when the load ends, removed on eviction or unload), and a
/// heartbeat that publishes its capacity and renews its membership entry. It checks its own invariants as it goes: no device over
/// capacity, at most one copy of a model, never evicting a copy the policy protects.
/// </summary>
internal sealed class SimSilo(string id, IReadOnlyList<(string Name, long Capacity)> devices, IReadOnlyDictionary<string, string> labels, CachePolicy policy, SimRegistry registry)
{
    private readonly List<(SimCopy Copy, DateTimeOffset EndsAt)> _running = [];

    public string Id { get; } = id;

    public long Epoch { get; private set; }

    public bool Alive { get; private set; }

    public bool Draining { get; set; }

    public IReadOnlyList<(string Name, long Capacity)> Devices { get; } = devices;

    public IReadOnlyDictionary<string, string> Labels { get; } = labels;

    public Dictionary<string, SimCopy> Copies { get; } = new(StringComparer.Ordinal);

    public int Evictions { get; private set; }

    /// <summary>When the next heartbeat is due; between heartbeats the published record goes stale, as in a real cluster.</summary>
    public DateTimeOffset NextHeartbeatAt { get; private set; }

    public bool IsReachable(long epoch) => Alive && Epoch == epoch;

    public long Used(string device) => Copies.Values.Where(c => c.Device == device).Sum(c => c.SizeBytes);

    public void Start(long epoch, DateTimeOffset now, TimeSpan membershipTtl)
    {
        Epoch = epoch;
        Alive = true;
        Draining = false;
        Copies.Clear();
        _running.Clear();
        Heartbeat(now, membershipTtl);
    }

    /// <summary>kill -9: memory is gone; the membership entry and copy records stay until the entry expires.</summary>
    public void Kill()
    {
        Alive = false;
        Copies.Clear();
        _running.Clear();
    }

    public LoadOutcome TryLoad(SimModel model, string device, long epoch, DateTimeOffset now, TimeSpan loadTime)
    {
        if (!IsReachable(epoch))
        {
            return LoadOutcome.ConnectionFailed;
        }

        if (Copies.ContainsKey(model.Id))
        {
            return LoadOutcome.AlreadyHeld;
        }

        var capacity = Devices.FirstOrDefault(d => d.Name == device).Capacity;
        if (Draining || capacity == 0)
        {
            return LoadOutcome.Refused;
        }

        var plan = policy.PlanReservation(capacity, Used(device), model.SizeBytes, Entries(device), now);
        if (!plan.Admitted)
        {
            return LoadOutcome.Refused;
        }

        foreach (var victim in plan.Victims)
        {
            var copy = Copies[victim];
            Require(copy.Device == device && policy.IsEvictable(Entry(copy), now), $"evicted protected copy {victim} (in flight {copy.InFlight}, loading {copy.IsLoading}, last used {copy.LastUsed})");
            Copies.Remove(victim);
            registry.RemoveCopy(victim, Id, Epoch);
            Evictions++;
        }

        Require(Used(device) + model.SizeBytes <= capacity, $"reservation of {model.Id} would overflow {device}");
        Copies[model.Id] = new SimCopy(model.Id, device, model.SizeBytes, now + loadTime);
        registry.PutCopy(Record(Copies[model.Id], SimCopyState.Loading));
        return LoadOutcome.Started;
    }

    public bool Serve(string modelId, long epoch, DateTimeOffset now, TimeSpan duration)
    {
        if (!IsReachable(epoch) || !Copies.TryGetValue(modelId, out var copy) || copy.IsLoading)
        {
            return false;
        }

        copy.InFlight++;
        copy.LastUsed = now;
        _running.Add((copy, now + duration));
        return true;
    }

    public void Unload(string modelId)
    {
        if (Alive && Copies.Remove(modelId))
        {
            registry.RemoveCopy(modelId, Id, Epoch);
        }
    }

    /// <summary>Finishes loads and requests whose time has come.</summary>
    public void Tick(DateTimeOffset now)
    {
        foreach (var copy in Copies.Values)
        {
            if (copy.IsLoading && copy.LoadDoneAt <= now)
            {
                copy.IsLoading = false;
                copy.LastUsed = now;
                registry.PutCopy(Record(copy, SimCopyState.Loaded));
            }
        }

        for (var i = _running.Count - 1; i >= 0; i--)
        {
            if (_running[i].EndsAt <= now)
            {
                _running[i].Copy.InFlight--;
                _running.RemoveAt(i);
            }
        }
    }

    public void Heartbeat(DateTimeOffset now, TimeSpan membershipTtl)
    {
        NextHeartbeatAt = now + (membershipTtl / 5);
        var published = new List<DeviceCapacity>();
        var oldest = DateTimeOffset.MaxValue;
        foreach (var (name, capacity) in Devices)
        {
            var entries = Entries(name);
            published.Add(new DeviceCapacity(name, capacity, Used(name), policy.EvictableBytes(entries, now)));
            var deviceOldest = policy.OldestEvictable(entries, now);
            oldest = deviceOldest < oldest ? deviceOldest : oldest;
        }

        registry.Heartbeat(
            new SiloRecord
            {
                SiloId = Id,
                Epoch = Epoch,
                Address = $"{Id}:9000",
                State = Draining ? SiloState.Draining : SiloState.Active,
                Devices = published,
                Labels = Labels,
                OldestLruAt = oldest,
                InFlight = Copies.Values.Sum(c => c.InFlight),
                LoadedCount = Copies.Values.Count(c => !c.IsLoading),
            },
            now + membershipTtl);
    }

    public List<CacheEntry> Entries(string device) =>
        Copies.Values.Where(c => c.Device == device).Select(Entry).ToList();

    private CacheEntry Entry(SimCopy copy) =>
        new(copy.ModelId, copy.SizeBytes, copy.LastUsed, copy.InFlight, IsSpare: registry.LiveLoadedCount(copy.ModelId) > 1, copy.IsLoading);

    private SimCopyRecord Record(SimCopy copy, SimCopyState state) => new(copy.ModelId, Id, Epoch, state, copy.Device, copy.SizeBytes);

    private void Require(bool condition, [InterpolatedStringHandlerArgument(nameof(condition))] ref FailureMessageHandler message)
    {
        if (!condition)
        {
            throw new SimulationInvariantException($"silo {Id}: {message.ToString()}");
        }
    }
}
