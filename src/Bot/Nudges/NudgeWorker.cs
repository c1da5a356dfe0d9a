using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ScrBot.Domain.Calendar;

namespace ScrBot.Bot.Nudges;

/// <summary>
/// Runs the <see cref="NudgeSweep"/> once each working day at <see cref="NudgeSettings.TimeOfDay"/> London time
/// (<see cref="NudgeSchedule"/>), waiting on the <see cref="TimeProvider"/>. When another instance holds the day's
/// lease it waits for the lease to run out and tries again, so a sweep that crashed part-way is finished (the ledger
/// stops anything being sent twice). When it starts after its time on a working day whose sweep was begun and never
/// finished (the only instance was killed mid-sweep), it resumes that sweep once the lease runs out; a nudge left
/// "sending" by the killed sweep is sent then. A sweep missed entirely while no instance was running is not made up:
/// the next working day's sweep reports what is overdue. The settings are read at start-up (a malformed one stops it); the sweep and
/// what it needs are taken when the first sweep is due.
/// </summary>
public sealed class NudgeWorker(IServiceProvider services, TimeProvider time, NudgeJournal journal, ILogger<NudgeWorker> logger) : BackgroundService
{
    private NudgeSettings _settings = new();

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _settings = services.GetRequiredService<NudgeSettings>();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_settings.Enabled)
        {
            logger.LogInformation("Deadline nudges are switched off (Nudges__Enabled)");
            return;
        }

        NudgeSweep? sweep = null;
        DateOnly? lastSwept = null;

        // Started again (after a crash or a restart) on a working day whose sweep was begun and never finished: it is
        // resumed once its lease runs out, rather than left until the next working day.
        var started = LondonTime.Today(time);
        if (WorkingDayCalendar.EnglandAndWales.IsWorkingDay(started) && time.GetUtcNow() >= LondonTime.ToInstant(started, _settings.TimeOfDay))
        {
            try
            {
                sweep ??= services.GetRequiredService<NudgeSweep>();
                if (await sweep.IsUnfinishedAsync(started, stoppingToken).ConfigureAwait(false))
                {
                    logger.LogInformation("The nudge sweep for {Day} was left unfinished; resuming it", started.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                    lastSwept = started;
                    journal.Add(await RunDayAsync(sweep, started, stoppingToken).ConfigureAwait(false));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "The unfinished nudge sweep for {Day} could not be resumed", started.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                journal.Failed(started);
            }
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var next = NudgeSchedule.Next(time.GetUtcNow(), _settings.TimeOfDay, WorkingDayCalendar.EnglandAndWales, lastSwept);
            await WaitUntilAsync(next, stoppingToken).ConfigureAwait(false);

            var today = LondonTime.Today(time);
            lastSwept = today;
            if (!WorkingDayCalendar.EnglandAndWales.IsWorkingDay(today))
            {
                continue;
            }

            try
            {
                sweep ??= services.GetRequiredService<NudgeSweep>();
                journal.Add(await RunDayAsync(sweep, today, stoppingToken).ConfigureAwait(false));
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "The nudge sweep for {Day} failed", today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                journal.Failed(today);
            }
        }
    }

    /// <summary>Sweeps the day here, or — when another instance holds it — waits for its lease to run out and tries again.</summary>
    private async Task<SweepSummary> RunDayAsync(NudgeSweep sweep, DateOnly day, CancellationToken stoppingToken)
    {
        while (true)
        {
            var summary = await sweep.RunAsync(day, stoppingToken).ConfigureAwait(false);
            if (summary.Claim != SweepClaimState.HeldByAnother || summary.HeldUntil is not { } until || LondonTime.DateOf(until) != day)
            {
                return summary;
            }

            await WaitUntilAsync(until + TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits on the <see cref="TimeProvider"/> until <paramref name="at"/>, and tells the journal once the timer is set
    /// (so whoever moves a test clock on knows the worker is waiting).
    /// </summary>
    private async Task WaitUntilAsync(DateTimeOffset at, CancellationToken stoppingToken)
    {
        while (true)
        {
            var now = time.GetUtcNow();
            if (now >= at)
            {
                return;
            }

            var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var timer = time.CreateTimer(_ => fired.TrySetResult(), null, at - now, Timeout.InfiniteTimeSpan);
            using var stopping = stoppingToken.Register(() => fired.TrySetCanceled(stoppingToken));
            journal.WaitingUntil(at);
            await fired.Task.ConfigureAwait(false);
        }
    }
}

/// <summary>
/// What the nudge worker is doing: when it next sweeps, and each day's summary (counts only). Lets a health page or a
/// test see the schedule without reading the clock.
/// </summary>
public sealed class NudgeJournal
{
    private readonly object _gate = new();
    private readonly List<SweepSummary> _sweeps = [];
    private readonly List<DateOnly> _failed = [];
    private readonly List<(Func<NudgeJournal, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private DateTimeOffset? _next;

    /// <summary>When the worker next wakes to sweep (or to try to take over a crashed sweep).</summary>
    public DateTimeOffset? Next
    {
        get
        {
            lock (_gate)
            {
                return _next;
            }
        }
    }

    public IReadOnlyList<SweepSummary> Sweeps
    {
        get
        {
            lock (_gate)
            {
                return [.. _sweeps];
            }
        }
    }

    public IReadOnlyList<DateOnly> FailedDays
    {
        get
        {
            lock (_gate)
            {
                return [.. _failed];
            }
        }
    }

    internal void WaitingUntil(DateTimeOffset next) => Change(() => _next = next);

    internal void Add(SweepSummary summary) => Change(() => _sweeps.Add(summary));

    internal void Failed(DateOnly day) => Change(() => _failed.Add(day));

    /// <summary>Completes once <paramref name="condition"/> holds (at once when it already does).</summary>
    public Task WhenAsync(Func<NudgeJournal, bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (condition(this))
            {
                return Task.CompletedTask;
            }

            _waiters.Add((condition, done));
        }

        return done.Task;
    }

    private void Change(Action change)
    {
        List<TaskCompletionSource> ready;
        lock (_gate)
        {
            change();
            ready = [];
            foreach (var waiter in _waiters.ToList())
            {
                if (waiter.Condition(this))
                {
                    _waiters.Remove(waiter);
                    ready.Add(waiter.Done);
                }
            }
        }

        foreach (var done in ready)
        {
            done.TrySetResult();
        }
    }
}
