using System.CommandLine;
using ModelMesh.Host.Roles;
using ModelMesh.Registry;

namespace ModelMesh.Host.Cli;

/// <summary>Options and helpers the role commands share.</summary>
internal static class RoleOptions
{
    public static Option<string> Registry(string defaultValue) => new("--registry")
    {
        Description = "memory (embedded) or redis://[user:password@]host:port[/db]; rediss:// for TLS, with ?cacert=CA.pem to trust a private CA and &cert=FILE&key=FILE for a client certificate",
        DefaultValueFactory = _ => defaultValue,
    };

    public static Option<bool> PerModelMetrics() => new("--per-model-metrics")
    {
        Description = "Add a model_id label to request/invoke latency and message sizes (capped at 500 series per metric; more fold into model_id=\"other\")",
    };

    /// <summary>The --metrics-port value as the hosts take it: a negative port turns the endpoint off.</summary>
    public static int? MetricsPort(int port) => port >= 0 ? port : null;

    public static Option<bool> BindAll() => new("--bind-all") { Description = "Listen on all interfaces instead of 127.0.0.1" };

    /// <summary>False, after saying why, when a ModelMesh__* environment setting is unknown or invalid (the role exits 2).</summary>
    public static async Task<bool> SettingsUsableAsync()
    {
        if (ModelMeshSettings.Check() is not { } error)
        {
            return true;
        }

        await Console.Error.WriteLineAsync("error: " + error);
        return false;
    }

    /// <summary>Connects to the registry or explains why not (exit code 3 within the connect timeout).</summary>
    public static async Task<IMeshRegistry?> ConnectRegistryAsync(string spec, CancellationToken cancellationToken)
    {
        try
        {
            var registry = RegistryFactory.Create(spec);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(8));
            await registry.PingAsync(timeout.Token);
            return registry;
        }
        catch (Exception e) when (e is RegistryUnavailableException or ArgumentException or FormatException or OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"error: registry '{RedisEndpoint.Redact(spec)}' is not usable: {e.Message}");
            return null;
        }
    }

    /// <summary>Waits for Ctrl+C / SIGTERM (the command's cancellation).</summary>
    public static async Task WaitForShutdownAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("Stopping.");
        }
    }
}
