using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using ScrBot.Bot.Routing;

namespace ScrBot.Bot.Hosting;

/// <summary>
/// The handling of inbound activities, apart from their HTTP requests. Teams gives up on an answer after about 15 s
/// and delivers the activity again, so <c>/api/messages</c> answers within <see cref="BotSettings.AnswerWithin"/>
/// whatever the Bot Connector is doing: a turn that is still sending (a reply being retried while Teams' connector is
/// slow or failing) carries on here in the background, through the same sender, until it is delivered or kept as
/// undelivered. An invoke's answer is remembered in this instance's memory for a while, so that when Teams delivers
/// the invoke again the person gets the answer the first delivery produced (never written anywhere: an answer can
/// carry a child's details, which are stored in the case's partition only).
/// </summary>
public sealed class ActivityTurns(IHostApplicationLifetime lifetime, TimeProvider time)
{
    /// <summary>How long an invoke's answer is remembered for a redelivery: Teams redelivers within minutes.</summary>
    public static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(10);

    /// <summary>At most this many invoke answers are remembered at once; the oldest are forgotten first.</summary>
    public const int MaxRemembered = 2000;

    private readonly ConcurrentDictionary<string, (Task<RouterAnswer> Work, DateTimeOffset Started)> _invokes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, bool> _running = new();

    /// <summary>
    /// Starts handling an activity, on the host's lifetime (not the HTTP request's: a turn whose answer has gone
    /// still finishes its sends). An invoke's work is remembered under <paramref name="invokeKey"/>.
    /// </summary>
    public Task<RouterAnswer> Start(string? invokeKey, Func<CancellationToken, Task<RouterAnswer>> handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var work = Task.Run(() => handle(lifetime.ApplicationStopping));
        _running[work] = true;
        _ = work.ContinueWith(static (t, state) => ((ConcurrentDictionary<Task, bool>)state!).TryRemove(t, out _), _running, TaskScheduler.Default);
        if (invokeKey is not null)
        {
            Forget();
            _invokes[invokeKey] = (work, time.GetUtcNow());
        }

        return work;
    }

    /// <summary>The work of an invoke this instance handled recently, for answering its redelivery.</summary>
    public bool TryFindInvoke(string invokeKey, out Task<RouterAnswer> work)
    {
        if (_invokes.TryGetValue(invokeKey, out var entry) && time.GetUtcNow() - entry.Started <= RememberFor)
        {
            work = entry.Work;
            return true;
        }

        work = Task.FromResult(RouterAnswer.Ok);
        return false;
    }

    /// <summary>Forgets an invoke (its handling failed, so a redelivery is handled afresh).</summary>
    public void ForgetInvoke(string invokeKey) => _invokes.TryRemove(invokeKey, out _);

    /// <summary>Turns still running (their HTTP answers may have gone already).</summary>
    public int Running => _running.Count;

    /// <summary>Waits for <paramref name="work"/> at most <paramref name="bound"/> on the host's clock; true when it finished.</summary>
    public async Task<bool> WithinAsync(Task work, TimeSpan bound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (work.IsCompleted)
        {
            return true;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(bound, time, stop.Token);
        var first = await Task.WhenAny(work, delay).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return first == work;
    }

    private void Forget()
    {
        var now = time.GetUtcNow();
        foreach (var (key, entry) in _invokes)
        {
            if (now - entry.Started > RememberFor && entry.Work.IsCompleted)
            {
                _invokes.TryRemove(key, out _);
            }
        }

        if (_invokes.Count >= MaxRemembered)
        {
            foreach (var (key, _) in _invokes.OrderBy(e => e.Value.Started).Take(_invokes.Count - MaxRemembered + 1))
            {
                _invokes.TryRemove(key, out _);
            }
        }
    }
}
