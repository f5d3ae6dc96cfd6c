using System.CommandLine;
using System.Globalization;
using System.Net;
using ModelMesh.Host.Roles;
using ModelMesh.Metrics;
using ModelMesh.Orleans.Hosting;
using ModelMesh.Placement;
using ModelMesh.Silo.Mesh;
using ModelMesh.Storage;
using ModelMesh.Storage.Config;

namespace ModelMesh.Host.Cli;

/// <summary><c>modelmesh silo</c>: one model silo process joining the mesh's Orleans cluster through the registry's membership table.</summary>
public static class SiloCommand
{
    public static Command Create()
    {
        var registry = RoleOptions.Registry("");
        registry.Required = true;
        var port = new Option<int>("--port") { Description = "gRPC port (0 = any free port)", DefaultValueFactory = _ => 8085 };
        var metricsPort = new Option<int>("--metrics-port") { Description = "Prometheus /metrics port (0 = any free port, -1 = off)", DefaultValueFactory = _ => 2113 };
        var capacity = new Option<string>("--capacity") { Description = "Host memory budget for loaded models (B, KiB, MiB, GiB)", DefaultValueFactory = _ => "512MiB" };
        var gpuCapacity = new Option<string?>("--gpu-capacity") { Description = "GPU memory budgets, e.g. 0=70GiB,1=70GiB" };
        var id = new Option<string?>("--id") { Description = "Silo id (default silo-<host>-<port>)" };
        var labels = new Option<string?>("--labels") { Description = "Labels models can require, e.g. zone=a,tier=fast" };
        var advertise = new Option<string?>("--advertise") { Description = "host:port front doors use to reach this silo" };
        var siloPort = new Option<int>("--silo-port") { Description = "Orleans silo-to-silo port (0 = any free port, advertised through membership)", DefaultValueFactory = _ => 0 };
        var probeTimeout = new Option<string?>("--probe-timeout") { Description = "Orleans membership probe timeout: a silo missing 3 probes is declared dead (default 1s)", HelpName = "DURATION" };
        var churnGuard = new Option<string?>("--churn-guard") { Description = "Copies used more recently than this are never evicted (default 30s)", HelpName = "DURATION" };
        var admission = new Option<AdmissionPolicy?>("--admission")
        {
            Description = "Which idle copies make room: TinyLfu (lowest recent frequency per byte first, the default) or Lru", HelpName = "POLICY",
        };
        var bindAll = RoleOptions.BindAll();
        var perModelMetrics = RoleOptions.PerModelMetrics();
        var command = new Command("silo", "Run a silo: loads models on demand and serves inference")
        {
            registry, port, metricsPort, capacity, gpuCapacity, id, labels, advertise, siloPort, probeTimeout, churnGuard, admission, bindAll, perModelMetrics,
        };
        var storage = StorageFlags.AddTo(command, loadsModels: true);
        var tls = ClusterTlsFlags.AddTo(command);
        var logging = LoggingOptions.AddTo(command);
        var otlpEndpoint = TracingOptions.Add(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!await RoleOptions.SettingsUsableAsync())
            {
                return 2;
            }

            SiloOptions options;
            MeshClusterOptions cluster;
            CacheOptions cache;
            StorageOptions storageOptions;
            StorageConfig storageConfig;
            try
            {
                (storageOptions, storageConfig) = storage.Read(parse);
                cache = ModelMeshSettings.Bind(new CacheOptions(), CacheOptions.SectionName);
                options = new SiloOptions
                {
                    SiloId = parse.GetValue(id) ?? "",
                    AdvertiseAddress = parse.GetValue(advertise) ?? "",
                    CpuCapacityBytes = ByteSize.Parse(parse.GetValue(capacity)!),
                    GpuCapacityBytes = ParseGpus(parse.GetValue(gpuCapacity)),
                    Labels = ParsePairs(parse.GetValue(labels)),
                    AccessLog = logging.AccessLog(parse),
                };
                cluster = new MeshClusterOptions { Registry = parse.GetValue(registry)!, SiloPort = parse.GetValue(siloPort), Tls = tls.Read(parse) };
                cluster.ProbeTimeout = ParseDuration("--probe-timeout", parse.GetValue(probeTimeout)) ?? cluster.ProbeTimeout;
                cache.ChurnGuard = ParseDuration("--churn-guard", parse.GetValue(churnGuard)) ?? cache.ChurnGuard;
                cache.Admission = parse.GetValue(admission) ?? cache.Admission;
            }
            catch (FormatException e)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message);
                return 2;
            }

            if (await RoleOptions.ConnectRegistryAsync(parse.GetValue(registry)!, cancellationToken) is not { } mesh)
            {
                return 3;
            }

            await using (mesh)
            {
                var bind = parse.GetValue(bindAll) ? IPAddress.Any : IPAddress.Loopback;
                var metrics = MeshMetrics.Create(new MeshMetricsOptions { PerModel = parse.GetValue(perModelMetrics) });
                await using var silo = await SiloHost.StartAsync(mesh, options, bind, parse.GetValue(port), cache,
                    logging: logging.Logging(parse), metricsPort: RoleOptions.MetricsPort(parse.GetValue(metricsPort)), metrics: metrics,
                    otlpEndpoint: TracingOptions.Endpoint(parse, otlpEndpoint), storage: storageOptions, storageConfig: storageConfig,
                    cluster: cluster, cancellationToken: CancellationToken.None);
                Console.WriteLine($"Silo {silo.SiloId} serving at {silo.Address} (Orleans silo port {cluster.SiloPort}), capacity {ByteSize.Format(options.CpuCapacityBytes)}"
                    + (silo.MetricsPort is { } m ? $", metrics on :{m}/metrics" : ""));
                await RoleOptions.WaitForShutdownAsync(cancellationToken);
                await silo.StopAsync(CancellationToken.None);
            }

            return 0;
        });
        return command;
    }

    /// <summary>A positive duration: <c>500ms</c>, <c>2s</c>, <c>1m</c>, a plain number of seconds, or <c>hh:mm:ss</c>; null when not given.</summary>
    internal static TimeSpan? ParseDuration(string option, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var t = text.Trim();
        var (number, unit) = t.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? (t[..^2], 0.001)
            : t.EndsWith('s') || t.EndsWith('S') ? (t[..^1], 1.0)
            : t.EndsWith('m') || t.EndsWith('M') ? (t[..^1], 60.0)
            : (t, 1.0);
        TimeSpan value;
        if (double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            value = TimeSpan.FromSeconds(amount * unit);
        }
        else if (!TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out value))
        {
            throw new FormatException($"{option}: '{text}' is not a duration (e.g. 500ms, 2s, 1m, 00:00:02)");
        }

        if (value < TimeSpan.Zero || (value == TimeSpan.Zero && option != "--churn-guard"))
        {
            throw new FormatException($"{option}: '{text}' must be positive");
        }

        return value;
    }

    internal static Dictionary<int, long> ParseGpus(string? text)
    {
        var gpus = new Dictionary<int, long>();
        foreach (var (key, value) in ParsePairs(text))
        {
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                throw new FormatException($"--gpu-capacity: '{key}' is not a GPU index");
            }

            gpus[index] = ByteSize.Parse(value);
        }

        return gpus;
    }

    internal static Dictionary<string, string> ParsePairs(string? text)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"'{pair}' is not key=value");
            }

            pairs[pair[..equals]] = pair[(equals + 1)..];
        }

        return pairs;
    }
}
