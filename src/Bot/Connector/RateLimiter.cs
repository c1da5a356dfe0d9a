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
/// The times of past requests under a set of sliding-window limits. Requests are logged in time order, so the
/// earliest time one more request keeps every limit is: no earlier than <c>n</c>-th most recent request + window
/// (+ a safety margin for the time a request takes to arrive), for each limit of <c>n</c> in a window.
/// Not thread-safe: callers hold a lock.
/// </summary>
public sealed class SlidingWindowLog(IReadOnlyList<RateLimit> limits, TimeSpan margin)
{
    private readonly List<DateTimeOffset> _times = [];
    private readonly TimeSpan _longest = limits.Max(l => l.Window);
    private readonly int _most = limits.Max(l => l.Count);

    public DateTimeOffset? Last => _times.Count == 0 ? null : _times[^1];

    /// <summary>The earliest time at or after <paramref name="from"/> (and after the last logged request) that keeps every limit.</summary>
    public DateTimeOffset Earliest(DateTimeOffset from)
    {
        Prune(from);
        var t = Last is { } last && last > from ? last : from;
        foreach (var limit in limits)
        {
            if (_times.Count >= limit.Count)
            {
                var nth = _times[_times.Count - limit.Count];
                var allowed = nth + limit.Window + margin;
                if (allowed > t)
                {
                    t = allowed;
                }
            }
        }

        return t;
    }

    /// <summary>Logs a request at <paramref name="at"/>, which is no earlier than the last one logged.</summary>
    public void Add(DateTimeOffset at)
    {
        if (Last is { } last && at < last)
        {
            at = last;
        }

        _times.Add(at);
    }

    private void Prune(DateTimeOffset now)
    {
        var horizon = now - _longest - margin;
        var drop = 0;
        while (drop < _times.Count && _times[drop] <= horizon)
        {
            drop++;
        }

        drop = Math.Max(drop, _times.Count - _most);
        if (drop > 0)
        {
            _times.RemoveRange(0, drop);
        }
    }
}

/// <summary>
/// One lane per conversation (a lock that keeps that conversation's requests in order, and the logs of its
/// sends and member reads) plus one log for the whole app. A request first waits for its conversation's window,
/// then takes the app's next free slot, and is logged in both at the time it actually goes out.
/// </summary>
public sealed class ConnectorRateLimiter(TimeProvider time, int appPerSecond, TimeSpan margin)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly SlidingWindowLog _app = new(TeamsLimits.App(appPerSecond), margin);
    private long _operations;

    public TimeSpan Margin => margin;

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

    /// <summary>Waits until one more request of this kind may go out, and logs it.</summary>
    internal async Task WaitForSlotAsync(Lane? lane, RequestKind kind, CancellationToken cancellationToken)
    {
        if (lane is not null)
        {
            var log = kind == RequestKind.ReadMembers ? lane.Reads : lane.Sends;
            var now = time.GetUtcNow();
            var ready = log.Earliest(now);
            if (ready > now)
            {
                await Task.Delay(ready - now, time, cancellationToken).ConfigureAwait(false);
            }
        }

        DateTimeOffset slot;
        lock (_gate)
        {
            slot = _app.Earliest(time.GetUtcNow());
            _app.Add(slot);
        }

        var wait = slot - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }

        if (lane is not null)
        {
            (kind == RequestKind.ReadMembers ? lane.Reads : lane.Sends).Add(slot);
            lane.LastUsed = slot;
        }
    }

    internal void Leave(Lane lane)
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
        foreach (var (key, lane) in _lanes.Where(p => p.Value.Users == 0 && p.Value.LastUsed < idleSince).ToList())
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
        public SlidingWindowLog Sends { get; } = new(TeamsLimits.ConversationSends, margin);
        public SlidingWindowLog Reads { get; } = new(TeamsLimits.ConversationMemberReads, margin);
        public int Users { get; set; }
        public DateTimeOffset LastUsed { get; set; }
    }

    internal enum RequestKind
    {
        Send,
        ReadMembers,
    }

    /// <summary>Holds a conversation's turn; requests without a conversation (creating one) only wait for the app's slot.</summary>
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
