namespace ScrBot.Bot.Connector;

/// <summary>At most <see cref="Count"/> requests in any <see cref="Window"/>.</summary>
public sealed record RateLimit(int Count, TimeSpan Window);

/// <summary>Teams' limits (learn.microsoft.com, "Optimize your bot with rate limiting").</summary>
public static class TeamsLimits
{
    /// <summary>Per bot per conversation, for sends (send, reply, update, create).</summary>
    public static readonly IReadOnlyList<RateLimit> ConversationSends =
    [
        new(7, TimeSpan.FromSeconds(1)),
        new(8, TimeSpan.FromSeconds(2)),
        new(60, TimeSpan.FromSeconds(30)),
        new(1800, TimeSpan.FromHours(1)),
    ];

    /// <summary>Per bot per conversation, for reads of the member list.</summary>
    public static readonly IReadOnlyList<RateLimit> ConversationMemberReads =
    [
        new(14, TimeSpan.FromSeconds(1)),
        new(16, TimeSpan.FromSeconds(2)),
        new(120, TimeSpan.FromSeconds(30)),
        new(3600, TimeSpan.FromHours(1)),
    ];

    /// <summary>Per app: <c>Bot__AppRateLimitPerSecond</c> requests in any second.</summary>
    public static IReadOnlyList<RateLimit> App(int perSecond) => [new(perSecond, TimeSpan.FromSeconds(1))];
}

/// <summary>
/// Counts requests under a set of sliding-window limits. A finished request is dated when its answer came back,
/// which is after Teams counted it wherever it counts it, and a request still in flight counts as happening now;
/// so a request allowed here is never over a limit as Teams sees it, however long requests take on the way.
/// Not thread-safe: <see cref="ConnectorRateLimiter"/> holds a lock.
/// </summary>
public sealed class SlidingWindowCounter(IReadOnlyList<RateLimit> limits, TimeSpan margin)
{
    private readonly List<DateTimeOffset> _finished = [];
    private readonly TimeSpan _longest = limits.Max(l => l.Window);
    private readonly int _most = limits.Max(l => l.Count);

    public int InFlight { get; private set; }

    public DateTimeOffset LastFinished => _finished.Count == 0 ? DateTimeOffset.MinValue : _finished[^1];

    /// <summary>
    /// The earliest time at or after <paramref name="now"/> one more request keeps every limit, or null when that
    /// depends on a request in flight finishing first.
    /// </summary>
    public DateTimeOffset? Earliest(DateTimeOffset now)
    {
        Prune(now);
        var t = now;
        foreach (var limit in limits)
        {
            var finishedAllowed = limit.Count - 1 - InFlight;
            if (finishedAllowed < 0)
            {
                return null;
            }

            if (_finished.Count > finishedAllowed)
            {
                var pivot = _finished[_finished.Count - 1 - finishedAllowed];
                var allowed = pivot + limit.Window + margin;
                if (allowed > t)
                {
                    t = allowed;
                }
            }
        }

        return t;
    }

    public void Start() => InFlight++;

    public void Finish(DateTimeOffset at)
    {
        InFlight--;
        var index = _finished.BinarySearch(at);
        _finished.Insert(index < 0 ? ~index : index, at);
    }

    private void Prune(DateTimeOffset now)
    {
        var horizon = now - _longest - margin;
        var drop = 0;
        while (drop < _finished.Count && _finished[drop] <= horizon)
        {
            drop++;
        }

        drop = Math.Max(drop, _finished.Count - _most);
        if (drop > 0)
        {
            _finished.RemoveRange(0, drop);
        }
    }
}

/// <summary>
/// One lane per conversation (a lock that keeps its requests in order, and the counts of its sends and member
/// reads) and one count for the whole app. A request starts only when its conversation and the app both have room.
/// </summary>
public sealed class ConnectorRateLimiter(TimeProvider time, int appPerSecond, TimeSpan margin)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly SlidingWindowCounter _app = new(TeamsLimits.App(appPerSecond), margin);
    private TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _operations;

    /// <summary>Serialises requests to one conversation: dispose the lease when the request (and its retries) is done.</summary>
    public async Task<LaneLease> EnterAsync(string? conversationId, CancellationToken cancellationToken)
    {
        if (conversationId is null)
        {
            return new LaneLease(this, null);
        }

        var key = TopLevel(conversationId);
        Lane lane;
        lock (_gate)
        {
            if (!_lanes.TryGetValue(key, out lane!))
            {
                lane = new Lane(margin);
                _lanes[key] = lane;
            }

            lane.Users++;
            if (++_operations % 1000 == 0)
            {
                Sweep();
            }
        }

        try
        {
            await lane.Order.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lock (_gate)
            {
                lane.Users--;
            }

            throw;
        }

        return new LaneLease(this, lane);
    }

    /// <summary>Waits until one more request of this kind may start; dispose the ticket when its answer is back.</summary>
    internal async Task<Ticket> StartAsync(Lane? lane, RequestKind kind, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                var now = time.GetUtcNow();
                var counter = lane is null ? null : kind == RequestKind.ReadMembers ? lane.Reads : lane.Sends;
                var app = _app.Earliest(now);
                var conversation = counter is null ? now : counter.Earliest(now);
                if (app is { } a && conversation is { } c)
                {
                    var ready = a > c ? a : c;
                    if (ready <= now)
                    {
                        _app.Start();
                        counter?.Start();
                        return new Ticket(this, counter);
                    }

                    wait = Task.Delay(ready - now, time, cancellationToken);
                }
                else
                {
                    wait = _finished.Task.WaitAsync(cancellationToken);
                }
            }

            await wait.ConfigureAwait(false);
        }
    }

    private void Finish(SlidingWindowCounter? counter)
    {
        TaskCompletionSource finished;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            _app.Finish(now);
            counter?.Finish(now);
            finished = _finished;
            _finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        finished.TrySetResult();
    }

    private void Leave(Lane lane)
    {
        lane.Order.Release();
        lock (_gate)
        {
            lane.Users--;
        }
    }

    private void Sweep()
    {
        var idleSince = time.GetUtcNow() - TimeSpan.FromHours(1) - margin;
        foreach (var (key, lane) in _lanes.Where(p => p.Value.Users == 0 && p.Value.Sends.InFlight == 0 && p.Value.Reads.InFlight == 0
                                                      && p.Value.Sends.LastFinished < idleSince && p.Value.Reads.LastFinished < idleSince).ToList())
        {
            _lanes.Remove(key);
            lane.Order.Dispose();
        }
    }

    /// <summary>A channel thread (<c>19:…;messageid=…</c>) counts against its channel.</summary>
    private static string TopLevel(string conversationId)
    {
        var semicolon = conversationId.IndexOf(';', StringComparison.Ordinal);
        return semicolon < 0 ? conversationId : conversationId[..semicolon];
    }

    internal sealed class Lane(TimeSpan margin)
    {
        public SemaphoreSlim Order { get; } = new(1, 1);
        public SlidingWindowCounter Sends { get; } = new(TeamsLimits.ConversationSends, margin);
        public SlidingWindowCounter Reads { get; } = new(TeamsLimits.ConversationMemberReads, margin);
        public int Users { get; set; }
    }

    internal enum RequestKind
    {
        Send,
        ReadMembers,
    }

    /// <summary>A started request: dispose it when the answer (or the failure) has come back.</summary>
    internal sealed class Ticket(ConnectorRateLimiter limiter, SlidingWindowCounter? counter) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                limiter.Finish(counter);
            }
        }
    }

    /// <summary>Holds a conversation's turn; requests without a conversation (creating one) only wait for the app.</summary>
    public readonly struct LaneLease : IDisposable
    {
        private readonly ConnectorRateLimiter _limiter;

        internal Lane? Lane { get; }

        internal LaneLease(ConnectorRateLimiter limiter, Lane? lane)
        {
            _limiter = limiter;
            Lane = lane;
        }

        public void Dispose()
        {
            if (Lane is not null)
            {
                _limiter.Leave(Lane);
            }
        }
    }
}
