using System.Buffers;
using Ort = Microsoft.ML.OnnxRuntime;

namespace ModelMesh.Onnx;

/// <summary>
/// A loaded model. <see cref="Run"/> is thread-safe (ORT's Run is) and may be called concurrently;
/// <see cref="Dispose"/> frees the native session once the last in-flight Run has returned.
/// </summary>
public sealed class OrtSession : IDisposable
{
    private readonly Ort.InferenceSession session;
    private readonly SessionReferences references;

    /// <summary>Used by runs that cannot be cancelled: its terminate flag is never set.</summary>
    private readonly Ort.RunOptions uncancellableRunOptions = new();

    /// <summary>The model's input names in its own order, handed to ORT as they are when a request uses that order.</summary>
    private readonly string[] inputNamesInOrder;
    private readonly HashSet<string> inputNames;
    private readonly HashSet<string> outputNames;

    internal OrtSession(Ort.InferenceSession session)
    {
        this.session = session;
        Inputs = OrtSessionMetadata.Read(session.InputNames, session.InputMetadata);
        Outputs = OrtSessionMetadata.Read(session.OutputNames, session.OutputMetadata);
        inputNamesInOrder = [.. session.InputNames];
        inputNames = new HashSet<string>(inputNamesInOrder, StringComparer.Ordinal);
        outputNames = new HashSet<string>(session.OutputNames, StringComparer.Ordinal);
        references = new SessionReferences(() =>
        {
            uncancellableRunOptions.Dispose();
            session.Dispose();
            OrtEnvironment.Release();
        });
    }

    public IReadOnlyList<OrtTensorInfo> Inputs { get; }

    public IReadOnlyList<OrtTensorInfo> Outputs { get; }

    /// <summary>
    /// Runs the model. Inputs made with <see cref="OrtInputTensor.FromBytes"/> are read in place (not copied),
    /// so their memory must not change until Run returns. Outputs come back in the order of <paramref name="outputNames"/>.
    /// Cancellation sets ORT's terminate flag; the run stops at the next node and this throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public IReadOnlyList<OrtOutputTensor> Run(
        IReadOnlyList<OrtInputTensor> inputs,
        IReadOnlyList<string> outputNames,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return RunWithoutEarlyCancellationCheck(inputs, outputNames, cancellationToken);
    }

    /// <summary>Run without the up-front token check (tests use it to reach ORT's terminate flag deterministically).</summary>
    internal IReadOnlyList<OrtOutputTensor> RunWithoutEarlyCancellationCheck(
        IReadOnlyList<OrtInputTensor> inputs,
        IReadOnlyList<string> outputNames,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputNames);
        references.Acquire();
        var inputCount = inputs.Count;
        var values = new Ort.OrtValue?[inputCount];
        var pins = new MemoryHandle[inputCount];
        try
        {
            RequireEveryInputOnce(inputs);
            foreach (var name in outputNames)
            {
                RequireKnown(this.outputNames, name, "output");
            }

            var names = NamesFor(inputs);
            for (var i = 0; i < inputCount; i++)
            {
                values[i] = inputs[i].CreateOrtValue(out pins[i]);
            }

            using var results = RunNative(names, values!, outputNames, cancellationToken);
            var outputs = new OrtOutputTensor[results.Count];
            var position = 0;
            foreach (var result in results)
            {
                outputs[position] = OrtOutputTensor.Copy(outputNames[position], result);
                position++;
            }

            return outputs;
        }
        catch (Ort.OnnxRuntimeException e)
        {
            throw OrtErrors.From(e);
        }
        finally
        {
            for (var i = 0; i < inputCount; i++)
            {
                values[i]?.Dispose();
                pins[i].Dispose();
            }

            references.Release();
        }
    }

    public void Dispose() => references.Close();

    private Ort.IDisposableReadOnlyCollection<Ort.OrtValue> RunNative(
        IReadOnlyCollection<string> names,
        IReadOnlyCollection<Ort.OrtValue> values,
        IReadOnlyList<string> outputNames,
        CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            return session.Run(uncancellableRunOptions, names, values, outputNames);
        }

        // One RunOptions per cancellable run: its terminate flag stops this run only.
        using var runOptions = new Ort.RunOptions();
        try
        {
            using (cancellationToken.Register(static o => ((Ort.RunOptions)o!).Terminate = true, runOptions))
            {
                return session.Run(runOptions, names, values, outputNames);
            }
        }
        catch (Ort.OnnxRuntimeException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The ONNX Runtime run was cancelled.", OrtErrors.From(e), cancellationToken);
        }
    }

    /// <summary>The session's cached name array when the inputs come in the model's order (the usual case), else a new one.</summary>
    private IReadOnlyCollection<string> NamesFor(IReadOnlyList<OrtInputTensor> inputs)
    {
        var inOrder = inputs.Count == inputNamesInOrder.Length;
        for (var i = 0; i < inputs.Count && inOrder; i++)
        {
            inOrder = string.Equals(inputs[i].Name, inputNamesInOrder[i], StringComparison.Ordinal);
        }

        if (inOrder)
        {
            return inputNamesInOrder;
        }

        var names = new string[inputs.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = inputs[i].Name;
        }

        return names;
    }

    /// <summary>
    /// ORT does not reject a feed that leaves a graph input out (it fails later inside a kernel, or not at all
    /// when the output does not depend on it), so a missing, repeated or unknown input is reported here as InvalidArgument.
    /// </summary>
    private void RequireEveryInputOnce(IReadOnlyList<OrtInputTensor> inputs)
    {
        for (var i = 0; i < inputs.Count; i++)
        {
            RequireKnown(inputNames, inputs[i].Name, "input");
            for (var j = 0; j < i; j++)
            {
                if (string.Equals(inputs[i].Name, inputs[j].Name, StringComparison.Ordinal))
                {
                    throw new OrtException(OrtErrorCode.InvalidArgument, $"Input '{inputs[i].Name}' is given more than once.");
                }
            }
        }

        if (inputs.Count >= Inputs.Count)
        {
            return;
        }

        foreach (var expected in Inputs)
        {
            var found = false;
            for (var i = 0; i < inputs.Count && !found; i++)
            {
                found = string.Equals(inputs[i].Name, expected.Name, StringComparison.Ordinal);
            }

            if (!found)
            {
                throw new OrtException(OrtErrorCode.InvalidArgument, $"Missing input '{expected.Name}'.");
            }
        }
    }

    private static void RequireKnown(HashSet<string> names, string name, string kind)
    {
        if (!names.Contains(name))
        {
            throw new OrtException(
                OrtErrorCode.InvalidArgument,
                $"The model has no {kind} named '{name}'; its {kind}s are: {string.Join(", ", names)}.");
        }
    }
}
