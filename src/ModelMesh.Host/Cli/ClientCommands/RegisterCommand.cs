using System.CommandLine;
using ModelMesh.Contracts.Management;

namespace ModelMesh.Host.Cli.ClientCommands;

/// <summary><c>modelmesh register MODEL_ID --storage-uri URI ...</c>: registers a model (optionally loading it now).</summary>
internal static class RegisterCommand
{
    public static Command Create()
    {
        var modelId = new Argument<string>("MODEL_ID") { Description = "Id of the new model (models are immutable)" };
        var storageUri = new Option<string>("--storage-uri")
        {
            Description = "Where the model is: file:///abs/model.onnx (or a folder holding model.onnx), s3://bucket/key, azure://container/blob, "
                + "https://ACCOUNT.blob.core.windows.net/container/blob, http(s)://..., pvc://claim/path, or a local path",
            Required = true,
            HelpName = "URI",
        };
        var storageKey = new Option<string?>("--storage-key")
        {
            Description = "Storage-config entry holding the store's credentials (default: the 'default' entry for s3://, none otherwise)",
            HelpName = "KEY",
        };
        var format = new Option<string>("--format") { Description = "Model format", DefaultValueFactory = _ => "onnx" };
        var loadNow = new Option<bool>("--load-now") { Description = "Load a copy now rather than on the first request" };
        var sync = new Option<bool>("--sync") { Description = "Wait until the copy is loaded (implies --load-now)" };
        var sizeHint = new Option<string?>("--size-hint") { Description = "Expected loaded size, e.g. 300MiB (default: estimated by the silo)", HelpName = "SIZE" };
        var deviceClass = new Option<string>("--device-class") { Description = "Where it runs", DefaultValueFactory = _ => "cpu" };
        deviceClass.AcceptOnlyFromAmong("cpu", "gpu");
        var labels = new Option<string[]>("--label") { Description = "A silo label the model requires, k=v (repeatable)", HelpName = "K=V" };

        var command = new Command("register", "Register a model") { modelId, storageUri, storageKey, format, loadNow, sync, sizeHint, deviceClass, labels };
        return ClientVerb.Attach(command, async invocation =>
        {
            var parse = invocation.Parse;
            var id = invocation.GetRequired(modelId);
            var size = parse.GetValue(sizeHint) is { } sizeText ? ByteSize.Parse(sizeText) : 0;
            var waitForLoad = parse.GetValue(sync);
            var status = await invocation.Client.RegisterModelAsync(
                id,
                StorageUris.Normalize(invocation.GetRequired(storageUri)),
                parse.GetValue(format) ?? "onnx",
                loadNow: parse.GetValue(loadNow) || waitForLoad,
                sync: waitForLoad,
                sizeHintBytes: size,
                deviceClass: parse.GetValue(deviceClass) ?? "cpu",
                labels: Labels.Parse(parse.GetValue(labels) ?? []),
                timeout: invocation.Timeout,
                cancellationToken: invocation.CancellationToken,
                storageKey: parse.GetValue(storageKey));
            return await WriteAsync(invocation, status);
        });
    }

    private static async Task<int> WriteAsync(ClientInvocation invocation, ModelStatusInfo status)
    {
        if (invocation.Format == OutputFormat.Json)
        {
            await ProtoJson.WriteAsync(invocation.Out, status);
        }
        else
        {
            await invocation.Out.WriteLineAsync($"Registered model '{status.ModelId}'.");
            ModelStatusView.Write(invocation.Out, status);
        }

        return status.Status == ModelStatus.LoadingFailed ? ExitCodes.RpcError : ExitCodes.Success;
    }
}
