using ModelMesh.Contracts.Inference;
using Grpc.Core;
using ModelMesh.Onnx;
using ModelMesh.Serving;
using ModelMesh.Serving.Statistics;
using ModelMesh.Serving.Tracing;
using ModelMesh.Silo.Repository;

namespace ModelMesh.Silo;

/// <summary>
/// Runs one V2 request on a leased session: validate against the signature, run ONNX Runtime under the
/// run limiter, encode the outputs. Shared by the single node and the silo's cache. Each request is counted in the
/// statistics extension's counters of (<c>statisticsModel</c>, model version): its compute input (decoding and
/// binding the inputs), queue (waiting for a run slot), compute infer (Run) and compute output (encoding) times on
/// success, its duration until it failed otherwise.
/// </summary>
public static class SessionInference
{
    public static async ValueTask<ModelInferResponse> InferAsync(
        LoadedSession session, ModelInferRequest request, string modelName, string modelVersion,
        RunLimiter runLimiter, InferenceStatistics statistics, string statisticsModel, CancellationToken cancellationToken)
    {
        var counters = statistics.For(statisticsModel, modelVersion);
        var clock = statistics.StartClock();
        try
        {
            var decoded = InferRequestDecoder.Decode(request, session.Signature);
            var computeInput = clock.Lap();
            ulong queue, computeInfer;
            IReadOnlyList<OrtOutputTensor> outputs;
            using (await runLimiter.EnterAsync(cancellationToken))
            {
                queue = clock.Lap();
                using var activity = ModelMeshActivitySources.Silo.StartActivity("inference");
                activity?.SetTag("modelmesh.model_name", modelName);
                outputs = Run(session.Session, decoded, cancellationToken);
                computeInfer = clock.Lap();
            }

            var response = InferResponseEncoder.Encode(request, modelName, modelVersion, outputs, decoded.RawOutput);
            var computeOutput = clock.Lap();
            counters.RecordSuccess(
                InferenceCount.Of(request, session.Signature),
                new StageDurations(queue, computeInput, computeInfer, computeOutput, clock.Total()),
                statistics.Time.GetUtcNow());
            return response;
        }
        catch (Exception)
        {
            counters.RecordFailure(clock.Total(), statistics.Time.GetUtcNow());
            throw;
        }
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
