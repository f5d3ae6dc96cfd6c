using ModelMesh.Contracts.Inference;
using Grpc.Core;
using ModelMesh.Onnx;
using ModelMesh.Serving;
using ModelMesh.Serving.Tracing;
using ModelMesh.Silo.Repository;

namespace ModelMesh.Silo;

/// <summary>
/// Runs one V2 request on a leased session: validate against the signature, run ONNX Runtime under the
/// run limiter, encode the outputs. Shared by the single node and the silo's cache.
/// </summary>
public static class SessionInference
{
    public static async ValueTask<ModelInferResponse> InferAsync(
        LoadedSession session, ModelInferRequest request, string modelName, string modelVersion,
        RunLimiter runLimiter, CancellationToken cancellationToken)
    {
        var decoded = InferRequestDecoder.Decode(request, session.Signature);
        IReadOnlyList<OrtOutputTensor> outputs;
        using (await runLimiter.EnterAsync(cancellationToken))
        {
            using var activity = ModelMeshActivitySources.Silo.StartActivity("inference");
            activity?.SetTag("modelmesh.model_name", modelName);
            outputs = Run(session.Session, decoded, cancellationToken);
        }

        return InferResponseEncoder.Encode(request, modelName, modelVersion, outputs, decoded.RawOutput);
    }

    private static IReadOnlyList<OrtOutputTensor> Run(OrtSession session, DecodedInferRequest decoded, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return session.Run(decoded.Inputs, decoded.OutputNames, cancellationToken);
        }
        catch (OrtException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (OrtException e) when (e.Code == OrtErrorCode.InvalidArgument)
        {
            throw ServingException.InvalidArgument("the model rejected the input: " + e.Message);
        }
        catch (OrtException e)
        {
            throw new ServingException(StatusCode.Internal, "inference failed: " + e.Message);
        }
    }
}
