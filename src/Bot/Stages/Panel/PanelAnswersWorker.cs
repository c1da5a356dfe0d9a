using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ScrBot.Bot.Conversations;
using ScrBot.Bot.Hosting;
using ScrBot.Bot.Scheduling;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Stages.Panel;

/// <summary>
/// Reads the invitees' answers to the Outlook invitation back from the organiser's calendar on a timer (every
/// <c>Graph__AnswersEvery</c>, 15 minutes by default, on the injected <see cref="TimeProvider"/>), for every case whose
/// Scoping Panel is booked and not yet held; when they changed, they are kept on the case and the hub card shows them.
/// </summary>
public sealed class PanelAnswersWorker(IServiceProvider services, TimeProvider time, ILogger<PanelAnswersWorker> logger) : BackgroundService
{
    /// <summary>How often the answers are read (<c>Graph__AnswersEvery</c>).</summary>
    public TimeSpan Every => services.GetRequiredService<GraphSettings>().AnswersEvery;

    /// <summary>Who the answers are recorded by in the case's history.</summary>
    public static readonly Actor FromOutlook = new(new PersonId("scrbot:outlook"), "ScrBot, from Outlook");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!services.GetRequiredService<GraphSettings>().CanSchedule)
        {
            // Meetings are not booked through Graph here: there are no answers to read.
            return;
        }

        using var timer = new PeriodicTimer(Every, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "The invitees' answers could not be read from Outlook");
            }
        }
    }

    /// <summary>Reads the answers of every booked meeting once; returns how many cases' answers changed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        // Resolved when first needed, not at start-up: a host whose settings are wrong stops with its own message.
        var cases = services.GetRequiredService<Storage.CaseStore>();
        var directory = services.GetRequiredService<BoardDirectory>();
        var calendar = services.GetRequiredService<PanelCalendar>();
        var syncs = services.GetRequiredService<CaseSyncQueue>();
        var changed = 0;
        foreach (var board in directory.Boards)
        {
            foreach (var entry in await cases.CasesOnBoardAsync(board.Id, cancellationToken).ConfigureAwait(false))
            {
                if (entry.Stage != Stage.PreparingScopingPanel
                    || await cases.LoadAsync(board.Id, entry.Reference, cancellationToken).ConfigureAwait(false) is not { } stored
                    || stored.State.ScheduledPanel?.MeetingId is not { } meetingId)
                {
                    continue;
                }

                var read = await calendar.ReadAsync(meetingId, cancellationToken).ConfigureAwait(false);
                if (read.Value is not { } meeting)
                {
                    logger.LogWarning("Case {Reference}: the meeting's answers could not be read: {Failure}", entry.Reference.Value, read.Failure);
                    continue;
                }

                var answers = meeting.Answers.Where(a => a.Answer != InvitationAnswer.Organiser)
                    .Select(a => new OutlookAnswer(a.Address, a.Name, Words(a.Answer))).ToList();
                if (stored.State.OutlookAnswers.SequenceEqual(answers))
                {
                    continue;
                }

                var result = await cases.ExecuteAsync(board.Id, entry.Reference, "read the invitees' answers from Outlook", FromOutlook,
                    (s, _) => CaseCommands.RecordInvitationAnswers(s, new CommandContext(FromOutlook, time.GetUtcNow(), directory), meetingId, answers),
                    cancellationToken).ConfigureAwait(false);
                if (!result.IsRefused)
                {
                    changed++;
                    syncs.Enqueue(board.Id, entry.Reference);
                }
            }
        }

        return changed;
    }

    private static string Words(InvitationAnswer answer) => answer switch
    {
        InvitationAnswer.Accepted => "accepted",
        InvitationAnswer.TentativelyAccepted => "tentative",
        InvitationAnswer.Declined => "declined",
        _ => "not yet answered",
    };
}
