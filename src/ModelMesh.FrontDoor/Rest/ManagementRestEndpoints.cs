using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ModelMesh.FrontDoor.Grpc;
using ModelMesh.FrontDoor.Management;
using ModelMesh.Registry;
using ModelMesh.Serving.Rest;

namespace ModelMesh.FrontDoor.Rest;

/// <summary>The management API over REST on the HTTP port (<c>/v1/mesh/...</c>), same operations as the gRPC service.</summary>
public static class ManagementRestEndpoints
{
    public static IEndpointRouteBuilder MapManagementRest(this IEndpointRouteBuilder app)
    {
        app.MapPut("/v1/mesh/models/{id}", (HttpContext c, string id) => Run(c, async (m, ct) =>
        {
            var (info, loadNow, sync) = ManagementJson.ReadRegister(await RestResponses.ReadBodyAsync(c, 1 << 20));
            var (outcome, status) = await m.RegisterAsync(id, info, loadNow, sync, ct);
            await RestResponses.WriteJsonAsync(c, outcome == RegisterOutcome.Created ? 201 : 200, w => ManagementJson.WriteStatus(w, status));
        }));
        app.MapGet("/v1/mesh/models/{id}", (HttpContext c, string id) => Run(c, async (m, ct) =>
        {
            var status = await m.GetStatusAsync(id, ct);
            await RestResponses.WriteJsonAsync(c, 200, w => ManagementJson.WriteStatus(w, status));
        }));
        app.MapDelete("/v1/mesh/models/{id}", (HttpContext c, string id) => Run(c, async (m, ct) =>
        {
            await m.UnregisterAsync(id, ct);
            await RestResponses.WriteJsonAsync(c, 200, w => { w.WriteStartObject(); w.WriteEndObject(); });
        }));
        app.MapPost("/v1/mesh/models/{id}:ensureLoaded", (HttpContext c, string id) => Run(c, async (m, ct) =>
        {
            var status = await m.EnsureLoadedAsync(id, c.Request.Query["sync"] == "true", ct);
            await RestResponses.WriteJsonAsync(c, 200, w => ManagementJson.WriteStatus(w, status));
        }));
        app.MapGet("/v1/mesh/models", (HttpContext c) => Run(c, async (m, ct) =>
        {
            var models = await m.ListModelsAsync(ct);
            await RestResponses.WriteJsonAsync(c, 200, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("models");
                foreach (var model in models)
                {
                    w.WriteStartObject();
                    w.WriteString("modelId", model.ModelId);
                    w.WriteString("status", ManagementJson.StatusName(model.Status));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
        }));
        app.MapPut("/v1/mesh/vmodels/{id}", (HttpContext c, string id) => Run(c, async (m, ct) =>
        {
            var status = await m.SetVModelAsync(ManagementJson.ReadSetVModel(id, await RestResponses.ReadBodyAsync(c, 1 << 20)), ct);
            await RestResponses.WriteJsonAsync(c, 200, w => ManagementJson.WriteVModel(w, status));
        }));
        app.MapGet("/v1/mesh/vmodels/{id}", (HttpContext c, string id) => Run(c, async (m, ct) =>
        {
            var status = await m.GetVModelStatusAsync(id, ct);
            await RestResponses.WriteJsonAsync(c, 200, w => ManagementJson.WriteVModel(w, status));
        }));
        app.MapDelete("/v1/mesh/vmodels/{id}", (HttpContext c, string id) => Run(c, async (m, ct) =>
        {
            await m.DeleteVModelAsync(id, ct);
            await RestResponses.WriteJsonAsync(c, 200, w => { w.WriteStartObject(); w.WriteEndObject(); });
        }));
        app.MapGet("/v1/mesh/cluster", (HttpContext c) => Run(c, async (m, ct) =>
        {
            var cluster = await m.GetClusterStatusAsync(ct);
            await RestResponses.WriteJsonAsync(c, 200, w => ManagementJson.WriteCluster(w, cluster));
        }));
        return app;
    }

    private static Task Run(HttpContext context, Func<ModelManagement, CancellationToken, Task> action) =>
        RestCall.RunAsync(context, async ct =>
        {
            try
            {
                await action(context.RequestServices.GetRequiredService<ModelManagement>(), ct);
            }
            catch (RegistryUnavailableException e)
            {
                throw FrontDoorErrors.ToServing(e);
            }
        });
}
