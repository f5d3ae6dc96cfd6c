using System.Buffers;
using System.CommandLine;
using System.Text;
using System.Text.Json;
using ModelMesh.Serving;
using ModelMesh.Serving.Json;

namespace ModelMesh.Host.Cli.ClientCommands;

/// <summary>
/// <c>modelmesh infer MODEL_ID --input JSON|@FILE|@-</c>: takes a V2 REST infer body, sends it as a gRPC
/// ModelInferRequest (tensors as raw contents) and prints the reply as a V2 REST JSON body
/// (indented for <c>--output table</c>, one line for <c>--output json</c>).
/// </summary>
internal static class InferCommand
{
    public static Command Create()
    {
        var modelId = new Argument<string>("MODEL_ID") { Description = "Model or vmodel to run" };
        var input = new Option<string>("--input", "-i")
        {
            Description = "V2 infer body {\"inputs\":[{\"name\",\"shape\",\"datatype\",\"data\"}]}, or @FILE, or @- for stdin",
            Required = true,
            HelpName = "JSON|@FILE",
        };
        var version = new Option<string?>("--model-version") { Description = "Model version (default: the server's choice)" };
        var command = new Command("infer", "Run inference with a V2 JSON body over gRPC") { modelId, input, version };
        return ClientVerb.Attach(command, async invocation =>
        {
            var body = await ReadBodyAsync(invocation.GetRequired(input), invocation.CancellationToken);
            var request = V2JsonRequestReader.Read(body, invocation.GetRequired(modelId), invocation.Parse.GetValue(version));
            var response = await invocation.Client.InferAsync(request, invocation.Timeout, invocation.CancellationToken);

            var json = new ArrayBufferWriter<byte>();
            try
            {
                using var writer = new Utf8JsonWriter(json, new JsonWriterOptions { Indented = invocation.Format == OutputFormat.Table });
                V2JsonResponseWriter.Write(writer, response);
            }
            catch (ServingException e)
            {
                await invocation.Error.WriteLineAsync("error: the server's response cannot be shown as V2 JSON: " + e.Message);
                return ExitCodes.RpcError;
            }

            await invocation.Out.WriteLineAsync(Encoding.UTF8.GetString(json.WrittenSpan));
            return ExitCodes.Success;
        });
    }

    private static async Task<byte[]> ReadBodyAsync(string value, CancellationToken cancellationToken)
    {
        if (!value.StartsWith('@'))
        {
            return Encoding.UTF8.GetBytes(value);
        }

        var path = value[1..];
        if (path == "-")
        {
            using var buffer = new MemoryStream();
            await using var stdin = Console.OpenStandardInput();
            await stdin.CopyToAsync(buffer, cancellationToken);
            return buffer.ToArray();
        }

        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot read --input file '{path}': {e.Message}", e);
        }
    }
}
