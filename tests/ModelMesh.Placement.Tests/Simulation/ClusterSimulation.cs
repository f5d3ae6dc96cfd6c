using System.Runtime.CompilerServices;
using ModelMesh.Placement.Simulation;
using ModelMesh.Registry;

namespace ModelMesh.Placement.Tests.Simulation;

/// <summary>
/// A seeded, deterministic simulated cluster: silos with per-device capacity running <see cref="CachePolicy"/>,
/// a registry they update as real silos do, and a front door running <see cref="PlacementStrategy"/> over the
/// silo records refreshed each step. A random trace of register / request (Zipf) / kill / restart / drain /
/// unregister drives it while simulated time advances; the invariants are checked after every step, and after
/// the trace the cluster is left to quiesce (dead silos restarted, no new requests) and checked again.
/// </summary>
internal sealed class ClusterSimulation
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MembershipTtl = TimeSpan.FromSeconds(10);
    private const long Gb = 1_000_000_000;

    private readonly int _seed;
    private readonly Random _random;
    private readonly SimRegistry _registry = new();
    private readonly SortedDictionary<string, SimSilo> _silos = new(StringComparer.Ordinal);
    private readonly List<SimModel> _catalog = [];
    private readonly ZipfTraceGenerator _popularity;
    private readonly SimFrontDoor _frontDoor;
    private readonly List<(string ModelId, DateTimeOffset IssuedAt)> _pending = [];
    private DateTimeOffset _now = Start;
    private long _nextEpoch = 1;
    private int _step;
    private int _requests, _served, _notFound, _tooLarge, _kills;
    private TimeSpan _longestWait;

    public ClusterSimulation(int seed)
    {
        _seed = seed;
        _random = new Random(seed);
        var cache = new CachePolicy(new CacheOptions { ChurnGuard = TimeSpan.FromSeconds(30) });
        var siloCount = _random.Next(3, 7);
        for (var i = 0; i < siloCount; i++)
        {
            var devices = new List<(string, long)> { ("cpu", _random.Next(2, 9) * Gb) };
            if (i == 0 || _random.Next(0, 10) < 4)
            {
                devices.Add(("gpu:0", _random.Next(4, 9) * Gb));
                if (_random.Next(0, 2) == 0)
                {
                    devices.Add(("gpu:1", _random.Next(2, 9) * Gb));
                }
            }

            var labels = new Dictionary<string, string> { ["zone"] = i % 2 == 0 ? "a" : "b" };
            _silos[$"silo-{i}"] = new SimSilo($"silo-{i}", devices, labels, cache, _registry);
        }

        _popularity = new ZipfTraceGenerator(seed, 60, 1.0, 50_000_000, 3 * Gb);
        foreach (var model in _popularity.Models)
        {
            var gpu = _random.Next(0, 100) < 15;
            var zoneA = _random.Next(0, 100) < 20;
            var labels = zoneA ? new Dictionary<string, string> { ["zone"] = "a" } : new Dictionary<string, string>();
            _catalog.Add(new SimModel(model.ModelId, model.SizeBytes, gpu ? "gpu" : "cpu", labels));
        }

        _catalog.Add(new SimModel("huge-cpu", 20 * Gb, "cpu", new Dictionary<string, string>()));
        _catalog.Add(new SimModel("huge-gpu", 9 * Gb, "gpu", new Dictionary<string, string>()));
        foreach (var model in _catalog.Where(_ => _random.Next(0, 10) < 7))
        {
            _registry.Models[model.Id] = model;
        }

        _frontDoor = new SimFrontDoor(
            new PlacementStrategy(new PlacementOptions()),
            new ScaleUpPolicy(new PlacementOptions { InFlightPerCopyThreshold = 2, ScaleUpCooldown = TimeSpan.FromSeconds(5) }),
            _registry,
            _silos,
            m => TimeSpan.FromMilliseconds(100 + (m.SizeBytes / 2_000_000)));
        foreach (var silo in _silos.Values)
        {
            silo.Start(_nextEpoch++, _now, MembershipTtl);
        }
    }

    public ClusterSimulationReport Run(int steps)
    {
        for (_step = 0; _step < steps; _step++)
        {
            Advance(TimeSpan.FromMilliseconds(_random.Next(20, 500)));
            ApplyRandomOperation();
            RetryPending();
            CheckInvariants();
        }

        var quiesceStart = _now;
        foreach (var silo in _silos.Values.Where(s => !s.Alive || s.Draining))
        {
            silo.Kill();
            silo.Start(_nextEpoch++, _now, MembershipTtl);
        }

        for (var i = 0; i < 3600 && !IsQuiescent(quiesceStart); i++, _step++)
        {
            Advance(TimeSpan.FromSeconds(1));
            RetryPending();
            CheckInvariants();
        }

        Require(_pending.Count == 0, $"{_pending.Count} requests never served, e.g. {string.Join(", ", _pending.Take(5).Select(p => p.ModelId))}");
        Require(IsQuiescent(quiesceStart), $"the cluster did not quiesce");
        CheckRegistryMatchesSilos(exact: true);
        return new ClusterSimulationReport(
            _seed, _silos.Count, _requests, _served, _notFound, _tooLarge, _silos.Values.Sum(s => s.Evictions),
            _frontDoor.Refusals, _frontDoor.ScaleUps, _kills, _longestWait, _now - quiesceStart);
    }

    private void Advance(TimeSpan by)
    {
        _now += by;
        foreach (var silo in _silos.Values.Where(s => s.Alive))
        {
            silo.Tick(_now);
            if (_now >= silo.NextHeartbeatAt)
            {
                silo.Heartbeat(_now, MembershipTtl);
            }
        }

        _registry.ExpireMembers(_now);
        _frontDoor.Refresh();
    }

    private void ApplyRandomOperation()
    {
        var roll = _random.Next(0, 100);
        var alive = _silos.Values.Where(s => s.Alive).ToList();
        if (roll < 75)
        {
            var model = _random.Next(0, 100) == 0 ? _catalog[^_random.Next(1, 3)].Id : _popularity.Next().ModelId;
            for (var k = _random.Next(1, 5); k > 0; k--)
            {
                Issue(model);
            }
        }
        else if (roll < 81)
        {
            var unregistered = _catalog.Where(m => !_registry.Models.ContainsKey(m.Id)).ToList();
            if (unregistered.Count > 0)
            {
                var model = unregistered[_random.Next(unregistered.Count)];
                _registry.Models[model.Id] = model;
            }
        }
        else if (roll < 84 && _registry.Models.Count > 0)
        {
            var registered = _registry.Models.Keys.Order(StringComparer.Ordinal).ToList();
            Unregister(registered[_random.Next(registered.Count)]);
        }
        else if (roll < 86 && alive.Count > 1)
        {
            alive[_random.Next(alive.Count)].Kill();
            _kills++;
        }
        else if (roll < 89)
        {
            var silo = _silos.Values.ElementAt(_random.Next(_silos.Count));
            silo.Kill();
            silo.Start(_nextEpoch++, _now, MembershipTtl);
        }
        else if (roll < 90 && alive.Count(s => !s.Draining) > 1)
        {
            alive[_random.Next(alive.Count)].Draining = true;
        }
    }

    private void Issue(string modelId)
    {
        _requests++;
        _pending.Add((modelId, _now));
    }

    /// <summary>Unregister wins (invariant 6): the record goes first, then every copy is unloaded.</summary>
    private void Unregister(string modelId)
    {
        _registry.Models.Remove(modelId);
        foreach (var silo in _silos.Values)
        {
            silo.Unload(modelId);
        }
    }

    /// <summary>
    /// Retries every pending request. Requests to a model that is still loading or cannot be placed this step
    /// wait together (as a front door coalesces waiters on one load) instead of each trying again.
    /// </summary>
    private void RetryPending()
    {
        var waiting = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < _pending.Count; i++)
        {
            var (modelId, issuedAt) = _pending[i];
            if (waiting.Contains(modelId))
            {
                continue;
            }

            switch (_frontDoor.Route(modelId, _now, TimeSpan.FromMilliseconds(_random.Next(50, 3000))))
            {
                case RouteOutcome.Served:
                    _served++;
                    _longestWait = _now - issuedAt > _longestWait ? _now - issuedAt : _longestWait;
                    break;
                case RouteOutcome.NotFound:
                    _notFound++;
                    break;
                case RouteOutcome.TooLarge:
                    _tooLarge++;
                    CheckTooLarge(_registry.Models[modelId]);
                    break;
                default:
                    waiting.Add(modelId);
                    continue;
            }

            _pending[i] = _pending[^1];
            _pending.RemoveAt(_pending.Count - 1);
            i--;
        }
    }

    /// <summary>Too large means larger than every device of its class on every silo with its labels that the front door sees.</summary>
    private void CheckTooLarge(SimModel model)
    {
        var largest = _frontDoor.View.Select(r => _silos[r.SiloId]).Where(s => Matches(s, model)).SelectMany(s => s.Devices)
            .Where(d => d.Name.StartsWith(model.DeviceClass, StringComparison.Ordinal)).Select(d => d.Capacity).DefaultIfEmpty(0).Max();
        Require(model.SizeBytes > largest, $"{model.Id} ({model.SizeBytes} bytes) called too large, but a device in view holds {largest}");
    }

    private static bool Matches(SimSilo silo, SimModel model) =>
        model.RequiredLabels.All(l => silo.Labels.TryGetValue(l.Key, out var v) && v == l.Value);

    private bool IsQuiescent(DateTimeOffset quiesceStart) =>
        _pending.Count == 0
        && _now - quiesceStart > MembershipTtl
        && _silos.Values.All(s => s.Copies.Values.All(c => !c.IsLoading));

    private void CheckInvariants()
    {
        foreach (var silo in _silos.Values.Where(s => s.Alive))
        {
            foreach (var (name, capacity) in silo.Devices)
            {
                Require(silo.Used(name) <= capacity, $"{silo.Id} {name} holds {silo.Used(name)} of {capacity} bytes");
            }

            Require(silo.Copies.Values.All(c => c.InFlight >= 0), $"{silo.Id} has a negative in-flight count");
        }

        foreach (var (modelId, bySilo) in _registry.Copies)
        {
            Require(bySilo.Count <= _silos.Count, $"{modelId} has more copies than silos");
        }

        CheckRegistryMatchesSilos(exact: false);
    }

    /// <summary>
    /// Every live silo's copies equal its copy records (same device, size, state, epoch). With exact, also no
    /// record of a dead silo or an old epoch is left.
    /// </summary>
    private void CheckRegistryMatchesSilos(bool exact)
    {
        foreach (var silo in _silos.Values.Where(s => s.Alive))
        {
            var records = 0;
            foreach (var bySilo in _registry.Copies.Values)
            {
                if (bySilo.TryGetValue(silo.Id, out var record) && record.Epoch == silo.Epoch)
                {
                    records++;
                    var held = silo.Copies.GetValueOrDefault(record.ModelId);
                    Require(
                        held is not null && held.Device == record.Device && held.SizeBytes == record.SizeBytes
                            && (record.State == SimCopyState.Loading) == held.IsLoading,
                        $"{silo.Id} record {record.ModelId} {record.State} on {record.Device} does not match the silo's copy");
                }
            }

            Require(records == silo.Copies.Count, $"{silo.Id} holds {silo.Copies.Count} copies but has {records} records");
        }

        if (exact)
        {
            foreach (var record in _registry.Copies.Values.SelectMany(b => b.Values))
            {
                var silo = _silos[record.SiloId];
                Require(silo.Alive && silo.Epoch == record.Epoch, $"stale copy record {record.ModelId} on {record.SiloId} epoch {record.Epoch}");
            }
        }
    }

    private void Require(bool condition, [InterpolatedStringHandlerArgument(nameof(condition))] ref FailureMessageHandler message)
    {
        if (!condition)
        {
            throw new SimulationInvariantException($"seed {_seed}, step {_step}, t+{(_now - Start).TotalSeconds:0.###} s: {message.ToString()}");
        }
    }
}
