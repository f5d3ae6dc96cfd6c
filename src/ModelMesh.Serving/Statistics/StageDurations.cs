namespace ModelMesh.Serving.Statistics;

/// <summary>
/// Where one request's time went, in nanoseconds: queue (waiting for a run slot), compute input (validating and
/// binding the inputs), compute infer (ONNX Runtime's Run), compute output (encoding the outputs); total spans them all.
/// </summary>
public readonly record struct StageDurations(ulong QueueNs, ulong ComputeInputNs, ulong ComputeInferNs, ulong ComputeOutputNs, ulong TotalNs);
