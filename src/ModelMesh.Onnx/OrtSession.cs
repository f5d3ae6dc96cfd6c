using ModelMesh.Onnx.Interop;

namespace ModelMesh.Onnx;

/// <summary>
/// A loaded model. <see cref="Run"/> is thread-safe (ORT's Run is) and may be called concurrently;
/// <see cref="Dispose"/> frees the native session once the last in-flight Run has returned.
/// </summary>
public sealed unsafe class OrtSession : IDisposable
{
    private readonly OrtRuntime runtime;
    private readonly OrtSessionHandle handle;
    private readonly Dictionary<string, PinnedUtf8> inputNames;
    private readonly Dictionary<string, PinnedUtf8> outputNames;

    internal OrtSession(OrtRuntime runtime, OrtSessionHandle handle)
    {
        this.runtime = runtime;
        this.handle = handle;
        Inputs = OrtSessionMetadata.Read(runtime.Api, handle, runtime.DefaultAllocator, outputs: false);
        Outputs = OrtSessionMetadata.Read(runtime.Api, handle, runtime.DefaultAllocator, outputs: true);
        inputNames = Inputs.ToDictionary(i => i.Name, i => new PinnedUtf8(i.Name), StringComparer.Ordinal);
        outputNames = Outputs.ToDictionary(o => o.Name, o => new PinnedUtf8(o.Name), StringComparer.Ordinal);
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
        var api = runtime.Api;
        var inputCount = inputs.Count;
        var outputCount = outputNames.Count;
        var inputNamePointers = new nint[inputCount];
        var outputNamePointers = new nint[outputCount];
        var inputValues = new OrtValueHandle?[inputCount];
        var inputPointers = new nint[inputCount];
        var pins = new System.Buffers.MemoryHandle[inputCount];
        var outputPointers = new nint[outputCount];
        var sessionReferenced = false;
        try
        {
            handle.DangerousAddRef(ref sessionReferenced);
            RequireEveryInputOnce(inputs);
            for (var i = 0; i < outputCount; i++)
            {
                outputNamePointers[i] = Lookup(this.outputNames, outputNames[i], "output");
            }

            for (var i = 0; i < inputCount; i++)
            {
                var input = inputs[i];
                inputNamePointers[i] = Lookup(inputNames, input.Name, "input");
                inputValues[i] = input.CreateNativeValue(runtime, out pins[i]);
                inputPointers[i] = inputValues[i]!.DangerousGetHandle();
            }

            RunNative(api, inputNamePointers, inputPointers, outputNamePointers, outputPointers, cancellationToken);
            var results = new OrtOutputTensor[outputCount];
            for (var i = 0; i < outputCount; i++)
            {
                results[i] = OrtOutputTensor.FromNative(api, outputNames[i], outputPointers[i]);
            }

            return results;
        }
        finally
        {
            foreach (var output in outputPointers)
            {
                if (output != 0)
                {
                    api.Release(OrtApiIndex.ReleaseValue, output);
                }
            }

            for (var i = 0; i < inputCount; i++)
            {
                inputValues[i]?.Dispose();
                pins[i].Dispose();
            }

            if (sessionReferenced)
            {
                handle.DangerousRelease();
            }
        }
    }

    public void Dispose() => handle.Dispose();

    private void RunNative(
        OrtApi api,
        nint[] inputNamePointers,
        nint[] inputPointers,
        nint[] outputNamePointers,
        nint[] outputPointers,
        CancellationToken cancellationToken)
    {
        using var runOptions = cancellationToken.CanBeCanceled ? api.CreateRunOptions() : null;
        nint status;
        using (cancellationToken.CanBeCanceled ? cancellationToken.Register(Terminate, runOptions) : default)
        {
            fixed (nint* inNames = inputNamePointers, inValues = inputPointers, outNames = outputNamePointers, outValues = outputPointers)
            {
                status = api.Run(
                    handle.DangerousGetHandle(),
                    runOptions?.DangerousGetHandle() ?? 0,
                    (byte**)inNames,
                    inValues,
                    inputPointers.Length,
                    (byte**)outNames,
                    outputPointers.Length,
                    outValues);
            }
        }

        if (status == 0)
        {
            return;
        }

        var error = api.ToException(status);
        if (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The ONNX Runtime run was cancelled.", error, cancellationToken);
        }

        throw error;
    }

    private static void Terminate(object? runOptions)
    {
        try
        {
            OrtNativeLibrary.Api.RunOptionsSetTerminate(((OrtRunOptionsHandle)runOptions!).DangerousGetHandle());
        }
        catch (OrtException)
        {
            // Nothing to do: the run finishes normally.
        }
    }

    /// <summary>
    /// ORT does not reject a feed that leaves a graph input out (it fails later inside a kernel, or not at all
    /// when the output does not depend on it), so a missing or repeated input is reported here as InvalidArgument.
    /// </summary>
    private void RequireEveryInputOnce(IReadOnlyList<OrtInputTensor> inputs)
    {
        for (var i = 0; i < inputs.Count; i++)
        {
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

    private static nint Lookup(Dictionary<string, PinnedUtf8> names, string name, string kind) =>
        names.TryGetValue(name, out var pinned)
            ? pinned.Pointer
            : throw new OrtException(
                OrtErrorCode.InvalidArgument,
                $"The model has no {kind} named '{name}'; its {kind}s are: {string.Join(", ", names.Keys)}.");
}
