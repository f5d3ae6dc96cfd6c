using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ModelMesh.Kubernetes.Tests.ApiDouble;

/// <summary>The double's HTTP routes (see <see cref="KubeApiDouble"/>): custom objects and Leases.</summary>
public sealed partial class KubeApiDouble
{
    private void MapRoutes(IEndpointRouteBuilder app)
    {
        const string objects = "/apis/serving.kserve.io/{version}/namespaces/{ns}/{plural}";
        app.MapGet(objects, (HttpContext context, string plural) =>
            context.Request.Query["watch"] == "true" ? WatchAsync(context, plural) : List(plural).ExecuteAsync(context));
        app.MapGet(objects + "/{name}", (string plural, string name) => Get(plural, name) is { } obj ? Json(obj) : Json(Status(404, "NotFound", $"{plural} \"{name}\" not found"), 404));
        MapSecretRoutes(app);
        app.MapMethods(objects + "/{name}/status", ["PATCH"], async (HttpContext context, string plural, string name) =>
        {
            try
            {
                return await PatchStatusAsync(context, plural, name);
            }
            catch (Exception e) when (e is InvalidOperationException or System.Text.Json.JsonException or KeyNotFoundException or NullReferenceException)
            {
                return Json(Status(422, "Invalid", e.Message), 422);
            }
        });

        const string leases = "/apis/coordination.k8s.io/v1/namespaces/{ns}/leases";
        app.MapGet(leases + "/{name}", (string name) => Lease(name) is { } lease ? Json(lease) : Json(Status(404, "NotFound", $"leases \"{name}\" not found"), 404));
        app.MapPost(leases, (Delegate)CreateLeaseAsync);
        app.MapPut(leases + "/{name}", ReplaceLeaseAsync);
    }

    private IResult List(string plural, string? name = null, string apiVersion = "serving.kserve.io/v1", string kind = "List")
    {
        lock (_lock)
        {
            _lists[plural] = _lists.GetValueOrDefault(plural) + 1;
            var items = new JsonArray([.. _objects.Where(o => o.Key.Plural == plural && (name is null || o.Key.Name == name)).Select(o => o.Value.DeepClone())]);
            return Json(new JsonObject
            {
                ["apiVersion"] = apiVersion,
                ["kind"] = kind,
                ["metadata"] = new JsonObject { ["resourceVersion"] = _version.ToString(CultureInfo.InvariantCulture) },
                ["items"] = items,
            });
        }
    }

    private async Task WatchAsync(HttpContext context, string plural, string? name = null)
    {
        var from = long.TryParse(context.Request.Query["resourceVersion"], out var v) ? v : 0;
        var timeout = int.TryParse(context.Request.Query["timeoutSeconds"], out var s) ? TimeSpan.FromSeconds(s) : TimeSpan.FromMinutes(5);
        var channel = Channel.CreateUnbounded<string>();
        lock (_lock)
        {
            if (from < _compactedBelow)
            {
                // What an API server sends when the version is older than its history: a 200 stream with one ERROR event.
                channel.Writer.TryWrite(new JsonObject { ["type"] = "ERROR", ["object"] = Status(410, "Expired", $"too old resource version: {from} ({_compactedBelow})") }.ToJsonString());
                channel.Writer.TryComplete();
            }
            else
            {
                foreach (var e in _events.Where(e => e.Plural == plural && (name is null || e.Name == name) && e.Version > from))
                {
                    channel.Writer.TryWrite(e.Line);
                }

                _watches.Add((plural, name, channel));
            }
        }

        context.Response.ContentType = "application/json";
        await context.Response.StartAsync();
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timer.CancelAfter(timeout);
        try
        {
            await foreach (var line in channel.Reader.ReadAllAsync(timer.Token))
            {
                await context.Response.WriteAsync(line + "\n", timer.Token);
                await context.Response.Body.FlushAsync(timer.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            lock (_lock)
            {
                _watches.RemoveAll(w => w.Channel == channel);
            }
        }
    }

    private async Task<IResult> PatchStatusAsync(HttpContext context, string plural, string name)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body);
        var token = context.Request.Headers.Authorization.ToString().Replace("Bearer ", "", StringComparison.Ordinal);
        lock (_lock)
        {
            if (!_objects.TryGetValue((plural, name), out var obj))
            {
                return Json(Status(404, "NotFound", $"{plural} \"{name}\" not found"), 404);
            }

            var current = obj["metadata"]!["resourceVersion"]!.GetValue<string>();
            JsonObject status;
            if (context.Request.ContentType?.StartsWith("application/merge-patch+json", StringComparison.Ordinal) == true)
            {
                if (body?["metadata"]?["resourceVersion"]?.GetValue<string>() is { } expected && expected != current)
                {
                    return Json(Status(409, "Conflict", $"Operation cannot be fulfilled on {plural} \"{name}\": the object has been modified; please apply your changes to the latest version and try again"), 409);
                }

                status = (JsonObject?)obj["status"]?.DeepClone() ?? [];
                JsonPatches.Merge(status, body?["status"] as JsonObject ?? []);
            }
            else if (context.Request.ContentType?.StartsWith("application/json-patch+json", StringComparison.Ordinal) == true)
            {
                var copy = (JsonObject)obj.DeepClone();
                if (!JsonPatches.Apply(copy, body!.AsArray(), out var testFailed))
                {
                    return testFailed
                        ? Json(Status(409, "Conflict", "the object has been modified (json patch test failed)"), 409)
                        : Json(Status(422, "Invalid", "json patch could not be applied"), 422);
                }

                status = (JsonObject?)copy["status"]?.DeepClone() ?? [];
            }
            else
            {
                return Json(Status(415, "UnsupportedMediaType", $"the body of the request was in an unknown format: {context.Request.ContentType}"), 415);
            }

            obj["status"] = status;
            _writes.Add(new StatusWrite(token, plural, name, (JsonObject)status.DeepClone()));
            Publish(plural, "MODIFIED", obj);
            return Json(obj.DeepClone());
        }
    }

    private async Task<IResult> CreateLeaseAsync(HttpContext context)
    {
        var lease = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        var name = lease["metadata"]!["name"]!.GetValue<string>();
        lock (_lock)
        {
            if (_leases.ContainsKey(name))
            {
                return Json(Status(409, "AlreadyExists", $"leases.coordination.k8s.io \"{name}\" already exists"), 409);
            }

            _version++;
            lease["metadata"]!["resourceVersion"] = _version.ToString(CultureInfo.InvariantCulture);
            _leases[name] = lease;
            return Json(lease.DeepClone(), 201);
        }
    }

    private async Task<IResult> ReplaceLeaseAsync(HttpContext context, string name)
    {
        var lease = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        lock (_lock)
        {
            if (!_leases.TryGetValue(name, out var current))
            {
                return Json(Status(404, "NotFound", $"leases.coordination.k8s.io \"{name}\" not found"), 404);
            }

            if (lease["metadata"]?["resourceVersion"]?.GetValue<string>() != current["metadata"]!["resourceVersion"]!.GetValue<string>())
            {
                return Json(Status(409, "Conflict", $"Operation cannot be fulfilled on leases.coordination.k8s.io \"{name}\": the object has been modified"), 409);
            }

            _version++;
            lease["metadata"]!["resourceVersion"] = _version.ToString(CultureInfo.InvariantCulture);
            _leases[name] = lease;
            return Json(lease.DeepClone());
        }
    }
}
