using System.Globalization;
using ModelMesh.LoadGen.Scenarios;

namespace ModelMesh.LoadGen.Cli;

/// <summary>
/// The flags of <c>run</c>: a scenario file (optional) and overrides of any of its fields, or a whole ad-hoc
/// scenario from flags alone. <see cref="Usage"/> lists them.
/// </summary>
public sealed class RunArguments
{
    public const string Usage = """
        modelmesh-loadgen run [--scenario FILE.yaml] [options]
          --endpoint HOST:PORT        front door gRPC (V2 + management), default 127.0.0.1:8033
          --rest URL                  front door REST base, default http://127.0.0.1:8008
          --protocol grpc|rest        how requests are sent
          --mode open|closed          open loop at --rate, or closed loop at --concurrency
          --rate N                    requests per second (open loop)
          --concurrency N             workers (closed loop)
          --warmup 5s --duration 30s  warm-up (not measured) and measured window
          --deadline 5s               per-request deadline
          --max-in-flight N           open loop: most outstanding requests (default 4096)
          --models a,b,c              models to call (registered already)
          --generate N --model-size 1MiB [--prefix gen]   write and register N generated models
          --popularity uniform|zipf:S|cycle
          --seed N
          --metrics URL               Prometheus text endpoint (repeatable) for mesh counters
          --embedded                  start an in-process cluster (front door + silos) and target it
          --silos N --silo-capacity 512MiB   its shape
          --kill-command CMD          real cluster: command of every kill-silo action
          --stop-command CMD          real cluster: command of every stop-silo action
          --action AT:KIND[:SILO]     add an action (e.g. 10s:kill-silo:silo-2; SILO 'busiest' = most loaded copies)
          --action-target busiest|named   kill/stop: the silo with the most loaded copies at that moment (default),
                                      or the action's named silo
          --out DIR                   where the JSON and HTML go (default results/)
          --name NAME                 report name (default: the scenario's)
        """;

    public string? ScenarioPath { get; private set; }

    public string OutDirectory { get; private set; } = "results";

    public bool Embedded { get; private set; }

    public string? KillCommand { get; private set; }

    public string? StopCommand { get; private set; }

    private readonly List<(string Key, string? Value)> _overrides = [];

    private string? _actionTarget;

    public static RunArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new RunArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var key = args[i];
            if (!key.StartsWith("--", StringComparison.Ordinal))
            {
                throw new FormatException($"Unexpected argument '{key}'.\n{Usage}");
            }

            var eq = key.IndexOf('=', StringComparison.Ordinal);
            string? value = null;
            if (eq > 0)
            {
                value = key[(eq + 1)..];
                key = key[..eq];
            }
            else if (key != "--embedded")
            {
                value = i + 1 < args.Count ? args[++i] : throw new FormatException($"{key} needs a value.");
            }

            switch (key)
            {
                case "--scenario": parsed.ScenarioPath = value; break;
                case "--out": parsed.OutDirectory = value!; break;
                case "--embedded": parsed.Embedded = true; break;
                case "--kill-command": parsed.KillCommand = value; break;
                case "--stop-command": parsed.StopCommand = value; break;
                default: parsed._overrides.Add((key, value)); break;
            }
        }

        return parsed;
    }

    /// <summary>The scenario file (or defaults) with every flag applied.</summary>
    public Scenario BuildScenario()
    {
        var s = ScenarioPath is null ? new Scenario() : ScenarioFile.Load(ScenarioPath);
        foreach (var (key, v) in _overrides)
        {
            var value = v!;
            switch (key)
            {
                case "--endpoint": s.Target.Endpoint = value; break;
                case "--rest": s.Target.Rest = value; break;
                case "--protocol": s.Target.Protocol = value; break;
                case "--metrics": s.Target.Metrics.Add(value); break;
                case "--mode": s.Load.Mode = value; break;
                case "--rate": s.Load.Rate = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--concurrency": s.Load.Concurrency = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--warmup": s.Load.Warmup = value; break;
                case "--duration": s.Load.Duration = value; break;
                case "--deadline": s.Load.Deadline = value; break;
                case "--max-in-flight": s.Load.MaxInFlight = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--models": s.Models.Names = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]; break;
                case "--generate": (s.Models.Generate ??= new()).Count = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--model-size": (s.Models.Generate ??= new()).Size = value; break;
                case "--prefix": (s.Models.Generate ??= new()).Prefix = value; break;
                case "--popularity": s.Models.Popularity = value; break;
                case "--seed": s.Models.Seed = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--silos": s.Cluster.Silos = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--silo-capacity": s.Cluster.SiloCapacity = value; break;
                case "--name": s.Name = value; break;
                case "--action": s.Actions.Add(ParseAction(value)); break;
                case "--action-target": _actionTarget = value; break;
                default: throw new FormatException($"Unknown option {key}.\n{Usage}");
            }
        }

        foreach (var action in s.Actions)
        {
            if (_actionTarget is not null)
            {
                action.Target = _actionTarget;
            }

            action.Command ??= action.Kind switch
            {
                "kill-silo" => KillCommand,
                "stop-silo" => StopCommand,
                _ => null,
            };
            if (action.Kind == "kill-silo" && KillCommand is not null)
            {
                action.Command = KillCommand;
            }
            else if (action.Kind == "stop-silo" && StopCommand is not null)
            {
                action.Command = StopCommand;
            }
        }

        if (s.Models.Names.Count == 0 && s.Models.Generate is null)
        {
            s.Models.Names = ["mlp"];
        }

        return s;
    }

    private static ActionSpec ParseAction(string text)
    {
        var parts = text.Split(':', 3);
        var silo = parts.Length > 2 ? parts[2] : "busiest";
        return silo == "busiest"
            ? new ActionSpec { At = parts[0], Kind = parts.Length > 1 ? parts[1] : "command", Target = "busiest" }
            : new ActionSpec { At = parts[0], Kind = parts.Length > 1 ? parts[1] : "command", Silo = silo, Target = "named" };
    }
}
