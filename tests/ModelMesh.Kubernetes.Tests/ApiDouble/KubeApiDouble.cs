using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ModelMesh.Testing.Ports;

namespace ModelMesh.Kubernetes.Tests.ApiDouble;

/// <summary>
/// A TEST DOUBLE of the Kubernetes API server (no API server can run on these machines), on Kestrel, speaking the
/// real wire format for what the controller uses: namespaced custom-object list (JSON with
/// <c>metadata.resourceVersion</c>), watch (<c>?watch=true&amp;resourceVersion=</c>, chunked JSON lines, replay after
/// the version, <c>410 Gone</c> as an ERROR event carrying a Status once the version is compacted), get, merge and
/// JSON patches on <c>/status</c> with 409 Conflict on a stale <c>metadata.resourceVersion</c>, and
/// coordination.k8s.io/v1 Leases (get, create with 409 AlreadyExists, replace with 409 Conflict) for leader election,
/// and core/v1 Secrets (list, watch, get; base64 <c>data</c>) authorized as the controller's Role does: by name only.
/// Every status write is recorded with the bearer token that made it.
/// </summary>
public sealed partial class KubeApiDouble : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Plural, string Name), JsonObject> _objects = [];
    private readonly List<(long Version, string Plural, string Name, string Type, string Line)> _events = [];
    private readonly List<(string Plural, string? Name, Channel<string> Channel)> _watches = [];
    private readonly Dictionary<string, JsonObject> _leases = new(StringComparer.Ordinal);
    private readonly List<StatusWrite> _writes = [];
    private readonly Dictionary<string, int> _lists = new(StringComparer.Ordinal);
    private WebApplication _app = null!;
    private long _version = 100;
    private long _compactedBelow;

    public sealed record StatusWrite(string Token, string Plural, string Name, JsonObject Status);

    public int Port { get; private set; }

    public string Namespace { get; }

    private KubeApiDouble(string ns) => Namespace = ns;

    public static async Task<KubeApiDouble> StartAsync(string ns)
    {
        var api = new KubeApiDouble(ns);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{ListenPort.Next()}");
        api._app = builder.Build();
        api.MapRoutes(api._app);
        await api._app.StartAsync();
        api.Port = new Uri(api._app.Urls.First()).Port;
        return api;
    }

    /// <summary>A kubeconfig file pointing at this double with a bearer token naming the replica.</summary>
    public string WriteKubeconfig(string directory, string token)
    {
        var path = Path.Combine(directory, $"kubeconfig-{token}.yaml");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: double
              cluster:
                server: http://127.0.0.1:{Port}
            users:
            - name: {token}
              user:
                token: {token}
            contexts:
            - name: double
              context:
                cluster: double
                user: {token}
                namespace: {Namespace}
            current-context: double
            """);
        return path;
    }

    public IReadOnlyList<StatusWrite> Writes
    {
        get
        {
            lock (_lock)
            {
                return [.. _writes];
            }
        }
    }

    /// <summary>How many times <paramref name="plural"/> was listed (watches not counted).</summary>
    public int ListCount(string plural)
    {
        lock (_lock)
        {
            return _lists.GetValueOrDefault(plural);
        }
    }

    /// <summary>The stored object (a copy), or null.</summary>
    public JsonObject? Get(string plural, string name)
    {
        lock (_lock)
        {
            return _objects.TryGetValue((plural, name), out var obj) ? (JsonObject)obj.DeepClone() : null;
        }
    }

    public JsonObject? Lease(string name)
    {
        lock (_lock)
        {
            return _leases.TryGetValue(name, out var lease) ? (JsonObject)lease.DeepClone() : null;
        }
    }

    /// <summary>Creates (ADDED) or replaces the spec of (MODIFIED) a resource, as kubectl apply would.</summary>
    public void Apply(string plural, JsonObject obj)
    {
        var name = obj["metadata"]!["name"]!.GetValue<string>();
        lock (_lock)
        {
            if (_objects.TryGetValue((plural, name), out var existing))
            {
                existing["spec"] = obj["spec"]?.DeepClone();
                existing["metadata"]!["annotations"] = obj["metadata"]!["annotations"]?.DeepClone();
                existing["metadata"]!["generation"] = existing["metadata"]!["generation"]!.GetValue<long>() + 1;
                Publish(plural, "MODIFIED", existing);
            }
            else
            {
                var stored = (JsonObject)obj.DeepClone();
                var metadata = stored["metadata"]!.AsObject();
                metadata["namespace"] = Namespace;
                metadata["uid"] = Guid.NewGuid().ToString();
                metadata["generation"] = 1L;
                metadata["creationTimestamp"] = "2026-01-01T00:00:00Z";
                _objects[(plural, name)] = stored;
                Publish(plural, "ADDED", stored);
            }
        }
    }

    public void Delete(string plural, string name)
    {
        lock (_lock)
        {
            if (_objects.Remove((plural, name), out var obj))
            {
                Publish(plural, "DELETED", obj);
            }
        }
    }

    /// <summary>Ends every open watch (as a load balancer or API server restart would); clients resume from their version.</summary>
    public void DropWatches()
    {
        lock (_lock)
        {
            foreach (var (_, _, channel) in _watches)
            {
                channel.Writer.TryComplete();
            }

            _watches.Clear();
        }
    }

    /// <summary>Compacts history: every version so far is gone (watches from it get 410), and open watches end.</summary>
    public void Compact()
    {
        lock (_lock)
        {
            _compactedBelow = _version + 1;
            _events.Clear();
        }

        DropWatches();
    }

    /// <summary>Deletes a resource while nobody watches, then compacts: the controller only learns of it by listing again.</summary>
    public void DeleteUnseen(string plural, string name)
    {
        lock (_lock)
        {
            foreach (var (_, _, channel) in _watches)
            {
                channel.Writer.TryComplete();
            }

            _watches.Clear();
            _objects.Remove((plural, name));
            _version++;
            _compactedBelow = _version + 1;
            _events.Clear();
        }
    }

    private void Publish(string plural, string type, JsonObject obj)
    {
        _version++;
        obj["metadata"]!["resourceVersion"] = _version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var line = new JsonObject { ["type"] = type, ["object"] = obj.DeepClone() }.ToJsonString();
        var name = obj["metadata"]!["name"]!.GetValue<string>();
        _events.Add((_version, plural, name, type, line));
        foreach (var (watchPlural, watchName, channel) in _watches)
        {
            if (watchPlural == plural && (watchName is null || watchName == name))
            {
                channel.Writer.TryWrite(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        DropWatches();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static JsonObject Status(int code, string reason, string message) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = code,
    };

    private static IResult Json(JsonNode body, int code = 200) => Results.Text(body.ToJsonString(), "application/json", statusCode: code);
}
