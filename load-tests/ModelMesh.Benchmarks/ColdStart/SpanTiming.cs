using ModelMesh.Benchmarks.Common;

namespace ModelMesh.Benchmarks.ColdStart;

/// <summary>One span name's summed duration per timed request (ms), over the repetitions.</summary>
public sealed record SpanTiming(string Span, Percentiles Ms);
