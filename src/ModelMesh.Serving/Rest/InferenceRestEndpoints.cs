using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelMesh.Serving.Json;
using ModelMesh.Serving.Statistics;

namespace ModelMesh.Serving.Rest;

/// <summary>
/// The REST face of an <see cref="IInferenceServer"/>: V2 (health, metadata, infer, repository, statistics) and
/// V1 (<c>GET /v1/models/{m}</c>, <c>POST /v1/models/{m}:predict</c>). Errors are <c>{"error": "..."}</c>
/// with the HTTP code of docs/architecture.md's error table.
/// </summary>
public static class InferenceRestEndpoints
{
    public static IEndpointRouteBuilder MapInferenceRest(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/health/live", (HttpContext c) => Empty(c, 200));
        app.MapGet("/v2/health/ready", (HttpContext c) => Handle(c, (s, _) =>
            Empty(c, s.IsReady ? 200 : 503)));
        app.MapGet("/v2", (HttpContext c) => Handle(c, (s, _) =>
            RestResponses.WriteJsonAsync(c, 200, w => V2JsonResponseWriter.WriteServerMetadata(w, s.GetServerMetadata()))));

        app.MapGet("/v2/models/{model}", (HttpContext c, string model) => Metadata(c, model, null));
        app.MapGet("/v2/models/{model}/versions/{version}", (HttpContext c, string model, string version) => Metadata(c, model, version));
        app.MapGet("/v2/models/{model}/ready", (HttpContext c, string model) => Ready(c, model, null));
        app.MapGet("/v2/models/{model}/versions/{version}/ready", (HttpContext c, string model, string version) => Ready(c, model, version));
        app.MapPost("/v2/models/{model}/infer", (HttpContext c, string model) => Infer(c, model, null));
        app.MapPost("/v2/models/{model}/versions/{version}/infer", (HttpContext c, string model, string version) => Infer(c, model, version));

        app.MapGet("/v2/models/stats", (HttpContext c) => Statistics(c, null, null));
        app.MapGet("/v2/models/{model}/stats", (HttpContext c, string model) => Statistics(c, model, null));
        app.MapGet("/v2/models/{model}/versions/{version}/stats", (HttpContext c, string model, string version) => Statistics(c, model, version));

        app.MapPost("/v2/repository/index", (HttpContext c) => Handle(c, async (s, ct) =>
        {
            var body = await RestResponses.ReadBodyAsync(c, Limit(c));
            var index = await s.GetRepositoryIndexAsync(RepositoryIndexRequestReader.ReadReadyFlag(body), ct);
            await RestResponses.WriteJsonAsync(c, 200, w => V2JsonResponseWriter.WriteRepositoryIndex(w, index));
        }));
        app.MapPost("/v2/repository/models/{model}/load", (HttpContext c, string model) => Handle(c, async (s, ct) =>
        {
            await s.LoadModelAsync(model, ct);
            await Empty(c, 200);
        }));
        app.MapPost("/v2/repository/models/{model}/unload", (HttpContext c, string model) => Handle(c, async (s, ct) =>
        {
            await s.UnloadModelAsync(model, ct);
            await Empty(c, 200);
        }));

        app.MapGet("/v1/models/{model}", (HttpContext c, string model) => Handle(c, async (s, ct) =>
        {
            var ready = await s.IsModelReadyAsync(model, null, ct);
            await RestResponses.WriteJsonAsync(c, 200, w =>
            {
                w.WriteStartObject();
                w.WriteString("name", model);
                w.WriteBoolean("ready", ready);
                w.WriteEndObject();
            });
        }));
        app.MapPost("/v1/models/{model}:predict", (HttpContext c, string model) => Handle(c, async (s, ct) =>
        {
            var signature = await s.GetModelSignatureAsync(model, null, ct);
            if (signature.Inputs.Count != 1)
            {
                throw ServingException.InvalidArgument(
                    $"V1 :predict needs a model with one input; '{model}' has {signature.Inputs.Count}: use the V2 infer endpoint");
            }

            var input = signature.Inputs[0];
            var spec = new V1InputSpec(input.Name, Onnx.TensorElementTypes.ToV2Datatype(input.ElementType) ?? "", input.Shape);
            var body = await RestResponses.ReadBodyAsync(c, Limit(c));
            var request = V1JsonCodec.ReadPredict(body, model, null, spec);
            var response = await s.InferAsync(request, ct);
            await RestResponses.WriteJsonAsync(c, 200, w => V1JsonCodec.WritePredictions(w, response));
        }));
        return app;
    }

    private static Task Metadata(HttpContext c, string model, string? version) => Handle(c, async (s, ct) =>
    {
        var metadata = await s.GetModelMetadataAsync(model, version, ct);
        await RestResponses.WriteJsonAsync(c, 200, w => V2JsonResponseWriter.WriteModelMetadata(w, metadata));
    });

    private static Task Ready(HttpContext c, string model, string? version) => Handle(c, async (s, ct) =>
        await Empty(c, await s.IsModelReadyAsync(model, version, ct) ? 200 : 503));

    private static Task Infer(HttpContext c, string model, string? version) => Handle(c, async (s, ct) =>
    {
        var body = await RestResponses.ReadBodyAsync(c, Limit(c));
        var request = V2JsonRequestReader.Read(body, model, version);
        var response = await s.InferAsync(request, ct);
        await RestResponses.WriteJsonAsync(c, 200, w => V2JsonResponseWriter.Write(w, response));
    });

    private static Task Statistics(HttpContext c, string? model, string? version) => Handle(c, async (s, ct) =>
    {
        var statistics = await s.GetModelStatisticsAsync(model, version, ct);
        await RestResponses.WriteJsonAsync(c, 200, w => ModelStatisticsJson.Write(w, statistics));
    });

    private static Task Handle(HttpContext context, Func<IInferenceServer, CancellationToken, Task> action) =>
        RestCall.RunAsync(context, ct => action(context.RequestServices.GetRequiredService<IInferenceServer>(), ct));

    private static Task Empty(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    private static long Limit(HttpContext c) =>
        c.RequestServices.GetService<IOptions<RestOptions>>()?.Value.MaxRequestBodyBytes ?? new RestOptions().MaxRequestBodyBytes;
}
