using System.Collections.Concurrent;
using System.Diagnostics;
using ModelMesh.Benchmarks.Common;

namespace ModelMesh.Benchmarks.ColdStart;

/// <summary>
/// Where a cold request's time goes: listens to the mesh's own spans (front door attempt, silo ModelInfer, load,
/// fetch, session.create, inference) and Orleans' grain-call spans while <see cref="Recording"/> is on, and sums
/// each span name's duration per timed request. In-process only: the benchmark's dev cluster runs in this process.
/// </summary>
public sealed class SpanRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private Window? _window;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = static s => s.Name.StartsWith("ModelMesh", StringComparison.Ordinal) || s.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal),
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => Volatile.Read(ref _window)?.Add(a),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>The spans of one model's timed requests: <see cref="Start"/> and <see cref="End"/> bracket each request.</summary>
    public sealed class Window(SpanRecorder recorder)
    {
        private readonly ConcurrentQueue<(string Name, double Ms)> _current = new();
        private readonly Dictionary<string, List<double>> _perRequest = new(StringComparer.Ordinal);
        private int _requests;

        public void Start()
        {
            _current.Clear();
            Volatile.Write(ref recorder._window, this);
        }

        /// <summary>Closes one timed request: each span name's summed duration becomes one sample (0 when absent).</summary>
        public void End()
        {
            Volatile.Write(ref recorder._window, null);
            var sums = new Dictionary<string, double>(StringComparer.Ordinal);
            while (_current.TryDequeue(out var span))
            {
                sums[span.Name] = sums.GetValueOrDefault(span.Name) + span.Ms;
            }

            foreach (var name in sums.Keys.Union(_perRequest.Keys).ToList())
            {
                if (!_perRequest.TryGetValue(name, out var samples))
                {
                    _perRequest[name] = samples = [.. Enumerable.Repeat(0.0, _requests)];
                }

                samples.Add(sums.GetValueOrDefault(name));
            }

            _requests++;
        }

        /// <summary>Median and p90 per span name over the recorded requests, longest median first.</summary>
        public IReadOnlyList<SpanTiming> Summary() =>
            [.. _perRequest.Select(kv => new SpanTiming(kv.Key, Percentiles.Of(kv.Value))).OrderByDescending(s => s.Ms.Median)];

        internal void Add(Activity a) => _current.Enqueue((Label(a), a.Duration.TotalMilliseconds));

        private static string Label(Activity a)
        {
            var source = a.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) ? "orleans"
                : a.Source.Name.Replace("ModelMesh.", "", StringComparison.Ordinal).ToLowerInvariant();
            return $"{source}: {a.DisplayName}";
        }
    }
}
