using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Google.Protobuf;
using ModelMesh.Contracts.Inference;
using ModelMesh.Orleans.Cache;
using ModelMesh.Serving.Statistics;

namespace ModelMesh.Orleans.Board;

/// <summary>
/// Publishes this silo's capacity, use and copies to every other active silo about once a second
/// (<see cref="CopyCacheOptions.PublishInterval"/>) and at once when membership changes (so a joining silo learns
/// the others without waiting), keeps its own entry on the local board, receives the others' publications, and
/// prunes the board to the active members on every membership change: a dead silo's capacity never outlives its
/// membership. Publications are one-way messages, N x (N - 1) a second: fine for tens of silos. Changes publish soon,
/// coalesced: a change publishes at once unless the last publication was less than ten times its own cost ago (at
/// most <see cref="CopyCacheOptions.ChangePublishGap"/>), then after that gap with every change made meanwhile (a snapshot is taken after the pending flag is cleared, so no change is left out).
/// </summary>
public sealed partial class CapacityBoardService : GrainService, ICapacityBoardService
{
    private readonly CapacityBoard _board;
    private readonly SiloCopyCache _cache;
    private readonly CapacityBoardClient _client;
    private readonly IClusterMembershipService _membership;
    private readonly CopyCacheOptions _options;
    private readonly ILogger<CapacityBoardService> _logger;
    private readonly InferenceStatistics _statistics;
    private readonly string _name;
    private readonly TimeProvider _time;
    private readonly Lock _snapshotGate = new();
    private IGrainTimer? _timer;
    private long _sequence;
    private long _lastPublishedTicks;
    private long _lastCostTicks;
    private int _changePending;

    public CapacityBoardService(
        GrainId grainId, global::Orleans.Runtime.Silo silo, ILoggerFactory loggerFactory, CapacityBoard board, SiloCopyCache cache,
        CapacityBoardClient client, IClusterMembershipService membership, IOptions<CopyCacheOptions> options,
        InferenceStatistics statistics, ILocalSiloDetails details, TimeProvider time)
        : base(grainId, silo, loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(options);
        _board = board;
        _cache = cache;
        _client = client;
        _membership = membership;
        _options = options.Value;
        _logger = loggerFactory.CreateLogger<CapacityBoardService>();
        _statistics = statistics;
        _name = details.Name;
        _time = time;
        _cache.Changed += OnCacheChanged;
    }

    public Task<byte[]> GetStatisticsAsync(string[] modelIds)
    {
        var response = new ModelStatisticsResponse();
        response.ModelStats.AddRange(_statistics.Counted(modelIds.Length == 0 ? null : modelIds));
        return Task.FromResult(response.ToByteArray());
    }

    /// <summary>A copy loaded, failed or left, or the silo started draining: the others hear it now, not within a second.</summary>
    private void OnCacheChanged()
    {
        if (Status != GrainServiceStatus.Started || !_options.PublishOnChange || Interlocked.Exchange(ref _changePending, 1) == 1)
        {
            return; // a publication is already due and will carry this change
        }

        // The gap: ten times what the last publication cost (so publishing takes at most about a tenth of a core), at
        // most ChangePublishGap. A silo with a few copies publishes at once; one with thousands, in batches.
        var gap = TimeSpan.FromTicks(Math.Min(_options.ChangePublishGap.Ticks, 10 * Interlocked.Read(ref _lastCostTicks)));
        var wait = gap - (_time.GetUtcNow() - new DateTimeOffset(Interlocked.Read(ref _lastPublishedTicks), TimeSpan.Zero));
        _ = Task.Run(async () =>
        {
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time);
            }

            Interlocked.Exchange(ref _changePending, 0); // a change from now on schedules the next one
            PublishOnce();
        });
    }

    public Task Publish(SiloCapacity capacity)
    {
        _board.Put(capacity);
        return Task.CompletedTask;
    }

    public override async Task Start()
    {
        PublishOnce();
        _timer = RegisterGrainTimer(_ => { PublishOnce(); return Task.CompletedTask; }, _options.PublishInterval, _options.PublishInterval);
        _ = FollowMembershipAsync();
        await base.Start();
    }

    public override async Task Stop()
    {
        _cache.Changed -= OnCacheChanged;
        _timer?.Dispose();
        await base.Stop();
    }

    /// <summary>Publishes now: to this silo's board and to every other active silo.</summary>
    public void PublishOnce()
    {
        var started = _time.GetTimestamp();
        Interlocked.Exchange(ref _lastPublishedTicks, _time.GetUtcNow().UtcTicks);
        PublishSnapshot();
        Interlocked.Exchange(ref _lastCostTicks, _time.GetElapsedTime(started).Ticks);
    }

    private void PublishSnapshot()
    {
        SiloCapacity snapshot;
        lock (_snapshotGate)
        {
            // Numbered and taken together: a higher sequence always carries the newer state (the board keeps the highest).
            snapshot = _cache.Snapshot(Silo, ++_sequence, _name);
        }

        _board.Put(snapshot);
        foreach (var member in _membership.CurrentSnapshot.Members.Values)
        {
            if (member.Status == SiloStatus.Active && !member.SiloAddress.Equals(Silo))
            {
                try
                {
                    _client.On(member.SiloAddress).Publish(snapshot).Ignore();
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    LogPublishFailed(_logger, member.SiloAddress, e.Message);
                }
            }
        }
    }

    private async Task FollowMembershipAsync()
    {
        try
        {
            await foreach (var snapshot in _membership.MembershipUpdates.WithCancellation(StoppedCancellationTokenSource.Token))
            {
                var alive = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToHashSet();
                alive.Add(Silo);
                _board.Prune(alive);
                PublishOnce();
            }
        }
        catch (OperationCanceledException)
        {
            // the silo is stopping
        }
    }

    [LoggerMessage(EventId = 4030, Level = LogLevel.Debug, Message = "Capacity publication to {Silo} failed: {Error}")]
    private static partial void LogPublishFailed(ILogger logger, SiloAddress silo, string error);
}
