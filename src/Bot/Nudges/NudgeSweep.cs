using Microsoft.Extensions.Logging;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Storage;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;

namespace ScrBot.Bot.Nudges;

/// <summary>What one day's sweep did. Counts only: no names, no child's details.</summary>
public sealed record SweepSummary(
    DateOnly Day,
    SweepClaimState Claim,
    int Cases,
    int Obligations,
    int NudgesSent,
    int AlreadySent,
    int Undelivered,
    int Unreachable,
    int RemindersPosted,
    int CasesOnUnknownBoards,
    DateTimeOffset? HeldUntil = null)
{
    /// <summary>Cases that could not be read or derived (logged by reference); the next sweep tries them again.</summary>
    public int CasesFailed { get; init; }

    public static SweepSummary NotRun(DateOnly day, SweepClaimState claim, DateTimeOffset? heldUntil = null) =>
        new(day, claim, 0, 0, 0, 0, 0, 0, 0, 0, heldUntil);
}

/// <summary>Someone a nudge goes to, and the role they get it in (for the log, which names no one).</summary>
public sealed record NudgeRecipient(PersonId Person, Role Role);

/// <summary>
/// The daily sweep. It reads the obligations index for what is overdue or due within the next
/// <see cref="NudgeSettings.LookaheadWorkingDays"/> working days, derives each of those cases' obligations again from
/// its facts (an index row is only as fresh as the case's last write; met and ended obligations are skipped), sends
/// each owner a nudge in their personal chat and posts one reminder per board to the board's notice channel. Each
/// message is recorded in the <see cref="NudgeLedger"/> before it goes out, so it goes at most once a day. Only cases
/// of boards in the directory are looked at.
/// </summary>
public sealed class NudgeSweep(
    CaseStore cases,
    BoardDirectory directory,
    ProcessProfiles profiles,
    IConversationReferences conversations,
    BotSender sender,
    NudgeLedger ledger,
    NudgeSettings settings,
    TimeProvider time,
    ILogger<NudgeSweep> logger,
    ScrBot.Bot.Delivery.PersonDelivery? delivery = null)
{
    /// <summary>The purpose of a nudge held for someone who could not be reached (<see cref="NudgeHeldCards"/>).</summary>
    public const string HeldPurpose = "nudge";

    /// <summary>This instance's name on the lease.</summary>
    public string Holder { get; init; } = Guid.NewGuid().ToString("N");

    /// <summary>Takes the day's lease and sweeps; does nothing when the day was swept or another instance is sweeping it.</summary>
    public async Task<SweepSummary> RunAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var claim = await ledger.ClaimSweepAsync(day, Holder, time.GetUtcNow(), settings.Lease, cancellationToken).ConfigureAwait(false);
        if (claim.State != SweepClaimState.Claimed || claim.Lease is null)
        {
            logger.LogInformation("Nudge sweep for {Day}: not run here ({Claim})", Text(day), claim.State);
            return SweepSummary.NotRun(day, claim.State, claim.HeldUntil);
        }

        var lease = claim.Lease;
        async Task<bool> KeepLeaseAsync()
        {
            var now = time.GetUtcNow();
            if (lease.ExpiresAt - now > settings.Lease / 2)
            {
                return true;
            }

            var renewed = await ledger.RenewAsync(lease, now, settings.Lease, cancellationToken).ConfigureAwait(false);
            if (renewed is null)
            {
                return false;
            }

            lease = renewed;
            return true;
        }

        var summary = await SweepAsync(day, KeepLeaseAsync, cancellationToken).ConfigureAwait(false);
        if (!await ledger.CompleteAsync(lease, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            logger.LogWarning("Nudge sweep for {Day}: another instance took the sweep over before it finished", Text(day));
        }

        return summary;
    }

    /// <summary>True when <paramref name="day"/>'s sweep was started somewhere and never finished (an instance was killed).</summary>
    public Task<bool> IsUnfinishedAsync(DateOnly day, CancellationToken cancellationToken) => ledger.IsUnfinishedAsync(day, cancellationToken);

    /// <summary>
    /// The sweep itself, for <paramref name="today"/> (a London date). Every message is checked against the ledger
    /// first, so running it twice sends nothing twice. <paramref name="keepLease"/> is asked before each case; when it
    /// answers false another instance has taken over and this one stops.
    /// </summary>
    public async Task<SweepSummary> SweepAsync(DateOnly today, Func<Task<bool>>? keepLease, CancellationToken cancellationToken)
    {
        var tally = new Tally();
        var boards = directory.Boards
            .Select(b => (Board: b, Profile: profiles.For(b.Id)))
            .Select(b => (b.Board, b.Profile, Calendar: b.Profile.CreateCalendar()))
            .ToList();
        var horizons = boards.ToDictionary(b => b.Board.Id, b => b.Calendar.AddWorkingDays(today, settings.LookaheadWorkingDays));
        var latest = horizons.Count == 0 ? today : horizons.Values.Max();
        var rows = await cases.DueOnOrBeforeAsync(latest, cancellationToken).ConfigureAwait(false);
        var led = await CasesByLeadBoardAsync(today, rows, cancellationToken).ConfigureAwait(false);
        if (led.Stale)
        {
            rows = await cases.DueOnOrBeforeAsync(latest, cancellationToken).ConfigureAwait(false);
            led = await CasesByLeadBoardAsync(today, rows, cancellationToken).ConfigureAwait(false);
        }

        var known = boards.Select(b => b.Board.Id).ToHashSet();
        foreach (var unknown in rows.Where(r => !known.Contains(r.Board)).Select(r => r.Case).Distinct())
        {
            tally.UnknownBoards++;
            logger.LogWarning("Nudge sweep for {Day}: case {Reference} is on a board the directory does not know; no one was nudged", Text(today), unknown.Value);
        }

        foreach (var (board, profile, calendar) in boards)
        {
            if (!calendar.IsWorkingDay(today))
            {
                logger.LogInformation("Nudge sweep for {Day}: board {Board} is closed today; its next working day's sweep covers it", Text(today), board.Id.Value);
                continue;
            }

            var horizon = horizons[board.Id];
            var lines = new List<NudgeCards.ReminderLine>();
            var references = rows
                .Where(r => r.Board == board.Id && r.DueOn <= horizon)
                .Select(r => r.Case)
                .Distinct()
                .ToList();
            foreach (var reference in references)
            {
                if (keepLease is not null && !await keepLease().ConfigureAwait(false))
                {
                    logger.LogWarning("Nudge sweep for {Day}: the lease was taken over; this instance stops", Text(today));
                    return tally.Summary(today);
                }

                try
                {
                    foreach (var stored in led.Cases.GetValueOrDefault((board.Id, reference), []))
                    {
                        await SweepCaseAsync(today, board, stored, profile, calendar, horizon, lines, tally, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    tally.Failed++;
                    logger.LogError(e, "Nudge sweep for {Day}: case {Reference} could not be swept; the next sweep tries again", Text(today), reference.Value);
                }
            }

            if (lines.Count > 0)
            {
                await RemindChannelAsync(today, board, lines, calendar, tally, cancellationToken).ConfigureAwait(false);
            }
        }

        var summary = tally.Summary(today);
        logger.LogInformation(
            "Nudge sweep for {Day}: {Cases} cases, {Obligations} obligations due or overdue, {Sent} nudges sent, {AlreadySent} already sent today, " +
            "{Undelivered} undelivered, {Unreachable} unreachable, {Reminders} channel reminders, {UnknownBoards} cases on boards not in the directory, " +
            "{Failed} cases not swept",
            Text(today), summary.Cases, summary.Obligations, summary.NudgesSent, summary.AlreadySent, summary.Undelivered, summary.Unreachable,
            summary.RemindersPosted, summary.CasesOnUnknownBoards, summary.CasesFailed);
        return summary;
    }

    /// <summary>
    /// The cases each board leads, for the references the index rows name under it, read once per reference. Rows
    /// naming a board that leads no case with their reference were written before a hand-over moved them: those cases'
    /// indexes are rebuilt and <c>Stale</c> says so, for the rows to be read again and today's nudges to go to the
    /// lead board's people.
    /// </summary>
    private async Task<(Dictionary<(BoardId, CaseReference), List<StoredCase>> Cases, bool Stale)> CasesByLeadBoardAsync(
        DateOnly today, IReadOnlyList<ObligationIndexEntry> rows, CancellationToken cancellationToken)
    {
        var byLead = new Dictionary<(BoardId, CaseReference), List<StoredCase>>();
        var stale = false;
        foreach (var named in rows.GroupBy(r => r.Case))
        {
            var found = new List<StoredCase>();
            foreach (var keptOn in await cases.FindBoardsForReferenceAsync(named.Key, cancellationToken).ConfigureAwait(false))
            {
                if (await cases.LoadAsync(keptOn, named.Key, cancellationToken).ConfigureAwait(false) is { } stored)
                {
                    found.Add(stored);
                    (byLead.TryGetValue((stored.State.LeadBoard, named.Key), out var list) ? list : byLead[(stored.State.LeadBoard, named.Key)] = []).Add(stored);
                }
            }

            foreach (var board in named.Select(r => r.Board).Distinct().Where(b => found.All(c => c.State.LeadBoard != b)))
            {
                foreach (var moved in found)
                {
                    stale = true;
                    await cases.RebuildIndexAsync(moved.Board, moved.Reference, cancellationToken).ConfigureAwait(false);
                }

                logger.LogWarning("Nudge sweep for {Day}: case {Reference} was indexed under board {Board}, which no longer leads it; its indexes were rebuilt",
                    Text(today), named.Key.Value, board.Value);
            }
        }

        return (byLead, stale);
    }

    /// <summary>
    /// One case <paramref name="board"/> leads: its owners are nudged as the lead board's people. The ledger's key
    /// names the board the case is kept on, which stays the same when the case is handed over, so a hand-over during
    /// the day sends nothing twice.
    /// </summary>
    private async Task SweepCaseAsync(
        DateOnly today, Board board, StoredCase stored, ProcessProfile profile, WorkingDayCalendar calendar, DateOnly horizon,
        List<NudgeCards.ReminderLine> lines, Tally tally, CancellationToken cancellationToken)
    {
        var reference = stored.Reference;
        tally.Cases++;
        var due = ObligationRules.Derive(stored.Facts, profile, calendar, today)
            .Where(o => IsToBeNudged(o, horizon))
            .ToList();
        foreach (var obligation in due)
        {
            tally.Obligations++;
            lines.Add(new NudgeCards.ReminderLine(reference, obligation.Code, obligation.Title, obligation.DueOn, obligation.Owner, obligation.Status == ObligationStatus.Overdue));
            var recipients = Recipients(board, stored.State, obligation);
            if (recipients.Count == 0)
            {
                tally.Unreachable++;
                logger.LogWarning("Nudge sweep for {Day}: no one holds the role {Role} for {Code} on case {Reference}", Text(today), obligation.OwnerRole, obligation.Code, reference.Value);
            }

            foreach (var recipient in recipients)
            {
                await NudgeAsync(today, board, stored.Board, reference, obligation, recipient, calendar, tally, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Still owed and overdue or due by <paramref name="horizon"/>. Keeping the report on the website (D11) is done by
    /// time passing: it is only nudged when it has been breached.
    /// </summary>
    public static bool IsToBeNudged(Obligation obligation, DateOnly horizon)
    {
        ArgumentNullException.ThrowIfNull(obligation);
        return obligation.Status switch
        {
            ObligationStatus.Overdue => true,
            ObligationStatus.Open => obligation.DueOn <= horizon && obligation.Code != ObligationCode.D11,
            _ => false,
        };
    }

    /// <summary>
    /// Who gets the nudge: the person the obligation names; otherwise the holders of its role on the board and on the
    /// case (an agency's obligation: that agency's representatives). Notifying Ofsted (D1) goes to children's social
    /// care's representatives, the officers the board names to notify Ofsted, and the Board Manager. When no one holds the role, the Board Manager is told.
    /// </summary>
    public IReadOnlyList<NudgeRecipient> Recipients(Board board, CaseState state, Obligation obligation)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(obligation);
        var found = new List<NudgeRecipient>();
        var boardManagers = directory.WithRole(board.Id, Role.BoardManager).Select(m => new NudgeRecipient(m.Person, Role.BoardManager));

        if (obligation.OwnerPerson is { } person)
        {
            found.Add(new NudgeRecipient(person.Id, obligation.OwnerRole));
        }
        else if (obligation.Code == ObligationCode.D1)
        {
            // Children's social care owes Ofsted this notification by law, whether or not it is on the case yet: its
            // board representatives are told (the reference only), with the Board Manager.
            var socialCare = board.Agencies.Where(a => a.Kind == AgencyKind.ChildrensSocialCare).Select(a => a.Id).ToHashSet();
            return
            [
                .. board.Members
                    .Where(m => m.Role == Role.AgencyRepresentative && m.Agency is { } a && socialCare.Contains(a))
                    .Select(m => new NudgeRecipient(m.Person, Role.AgencyRepresentative))
                    .Concat(Representatives(state, socialCare))
                    .Concat(board.Members.Where(m => m.Role == Role.NotifyingOfficer).Select(m => new NudgeRecipient(m.Person, Role.NotifyingOfficer)))
                    .Concat(boardManagers)
                    .DistinctBy(r => r.Person),
            ];
        }
        else if (obligation.OwnerRole == Role.AgencyRepresentative)
        {
            if (obligation.OwnerAgency is { } agency)
            {
                found.AddRange(Representatives(state, new HashSet<AgencyId> { agency }));
            }
        }
        else
        {
            found.AddRange(directory.WithRole(board.Id, obligation.OwnerRole).Select(m => new NudgeRecipient(m.Person, obligation.OwnerRole)));
            found.AddRange(state.Roles.Where(r => r.Role == obligation.OwnerRole).Select(r => new NudgeRecipient(r.Person.Id, r.Role)));
        }

        // Only people with a role on the case are nudged: anyone else could not open it, and would learn it exists.
        found.RemoveAll(r => !CaseAccess.HasRoleOnCase(state, r.Person, directory));
        if (found.Count == 0)
        {
            found.AddRange(boardManagers);
        }

        return [.. found.DistinctBy(r => r.Person)];
    }

    private static IEnumerable<NudgeRecipient> Representatives(CaseState state, IReadOnlySet<AgencyId> agencies) =>
        state.Roles
            .Where(r => r.Role == Role.AgencyRepresentative && r.Agency is { } a && agencies.Contains(a))
            .Select(r => new NudgeRecipient(r.Person.Id, Role.AgencyRepresentative));

    private async Task NudgeAsync(
        DateOnly today, Board board, BoardId keptOn, CaseReference reference, Obligation obligation, NudgeRecipient recipient,
        WorkingDayCalendar calendar, Tally tally, CancellationToken cancellationToken)
    {
        var chat = await conversations.FindPersonalAsync(recipient.Person.Value, cancellationToken).ConfigureAwait(false);
        if (chat is null && delivery is not null)
        {
            // No chat kept: the one way to reach a person (a chat through the board's team, installing ScrBot for them,
            // or holding the nudge and telling the Board Manager), once a day.
            var heldKey = new NudgeKey(keptOn.Value, reference.Value, obligation.Key, recipient.Person.Value);
            if (!await ledger.TryRecordAsync(today, heldKey, time.GetUtcNow(), cancellationToken, Holder).ConfigureAwait(false))
            {
                tally.AlreadySent++;
                return;
            }

            var name = board.Members.FirstOrDefault(m => m.Person == recipient.Person)?.Name ?? RoleNames.Of(recipient.Role);
            var nudge = NudgeCards.Nudge(reference, obligation, today, calendar);
            var delivered = await delivery.DeliverAsync(
                new ScrBot.Bot.Delivery.CardForPerson(recipient.Person, name, board.Id, reference, HeldPurpose, $"nudge:{reference}:{obligation.Key}",
                    $"a reminder that {obligation.Code} ({obligation.Title}) is due {HumanDates.Format(obligation.DueOn)}", nudge,
                    $"{reference} · {NudgeCards.Step(obligation)} by {HumanDates.Format(obligation.DueOn)}"),
                cancellationToken).ConfigureAwait(false);
            if (delivered.Delivered)
            {
                tally.Sent++;
            }
            else
            {
                tally.Unreachable++;
                logger.LogWarning(
                    "Nudge sweep for {Day}: the {Role} for {Code} on case {Reference} could not be reached; the nudge is held and the Board Manager told",
                    Text(today), recipient.Role, obligation.Code, reference.Value);
            }

            await ledger.MarkAsync(today, heldKey, delivered.Delivered ? "sent" : "undelivered", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (chat is null)
        {
            tally.Unreachable++;
            logger.LogWarning(
                "Nudge sweep for {Day}: the {Role} for {Code} on case {Reference} has no personal chat with ScrBot (not installed); not nudged",
                Text(today), recipient.Role, obligation.Code, reference.Value);
            return;
        }

        var key = new NudgeKey(keptOn.Value, reference.Value, obligation.Key, recipient.Person.Value);
        if (!await ledger.TryRecordAsync(today, key, time.GetUtcNow(), cancellationToken, Holder).ConfigureAwait(false))
        {
            tally.AlreadySent++;
            return;
        }

        var card = NudgeCards.Nudge(reference, obligation, today, calendar);
        var summary = $"{reference} · {NudgeCards.Step(obligation)} by {HumanDates.Format(obligation.DueOn)}";
        var result = await sender.SendAsync(chat, Activity.Card(card, summary), new SendOptions(key.ResendKey), cancellationToken).ConfigureAwait(false);
        await MarkAsync(today, key, result, tally, cancellationToken).ConfigureAwait(false);
    }

    private async Task RemindChannelAsync(
        DateOnly today, Board board, List<NudgeCards.ReminderLine> lines, WorkingDayCalendar calendar, Tally tally, CancellationToken cancellationToken)
    {
        if (board.NoticeChannel is not { Length: > 0 } channelId)
        {
            logger.LogWarning("Nudge sweep for {Day}: board {Board} has no notice channel; no reminder posted", Text(today), board.Id.Value);
            return;
        }

        var channel = await conversations.FindChannelAsync(channelId, cancellationToken).ConfigureAwait(false);
        if (channel is null)
        {
            tally.Unreachable++;
            logger.LogWarning("Nudge sweep for {Day}: the notice channel of board {Board} is not reachable (ScrBot is not installed in its team)", Text(today), board.Id.Value);
            return;
        }

        var key = new NudgeKey(board.Id.Value, "board", "reminder", "channel:" + channelId);
        if (!await ledger.TryRecordAsync(today, key, time.GetUtcNow(), cancellationToken, Holder).ConfigureAwait(false))
        {
            tally.AlreadySent++;
            return;
        }

        var ordered = lines
            .OrderByDescending(l => l.Overdue)
            .ThenBy(l => l.DueOn)
            .ThenBy(l => l.Reference.Year)
            .ThenBy(l => l.Reference.Number)
            .ThenBy(l => l.Code)
            .ToList();
        var card = NudgeCards.BoardReminder(board.Name, ordered, today, calendar, settings.LookaheadWorkingDays);
        var result = await sender.SendAsync(channel, Activity.Card(card, $"Deadline reminder · {HumanDates.Format(today)}"), new SendOptions(key.ResendKey), cancellationToken).ConfigureAwait(false);
        if (result.Delivered)
        {
            tally.Reminders++;
        }
        else
        {
            tally.Undelivered++;
            logger.LogWarning("Nudge sweep for {Day}: the reminder to board {Board}'s notice channel was not delivered", Text(today), board.Id.Value);
        }

        await ledger.MarkAsync(today, key, result.Delivered ? "sent" : "undelivered", cancellationToken).ConfigureAwait(false);
    }

    private async Task MarkAsync(DateOnly today, NudgeKey key, SendResult result, Tally tally, CancellationToken cancellationToken)
    {
        if (result.Delivered)
        {
            tally.Sent++;
        }
        else
        {
            tally.Undelivered++;
        }

        await ledger.MarkAsync(today, key, result.Delivered ? "sent" : "undelivered", cancellationToken).ConfigureAwait(false);
    }

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private sealed class Tally
    {
        public int Cases;
        public int Obligations;
        public int Sent;
        public int AlreadySent;
        public int Undelivered;
        public int Unreachable;
        public int Reminders;
        public int UnknownBoards;
        public int Failed;

        public SweepSummary Summary(DateOnly day) =>
            new(day, SweepClaimState.Claimed, Cases, Obligations, Sent, AlreadySent, Undelivered, Unreachable, Reminders, UnknownBoards) { CasesFailed = Failed };
    }
}

/// <summary>
/// A nudge held for someone ScrBot could not reach goes the moment they can be reached: what is still owed on the
/// case, by reference, with the case status button (the day's nudge itself may be out of date by then).
/// </summary>
public sealed class NudgeHeldCards(ScrBot.Bot.Delivery.PersonDelivery delivery, BoardDirectory directory) : ScrBot.Bot.Delivery.IHeldCardSender
{
    public string Purpose => NudgeSweep.HeldPurpose;

    public Task SendAgainAsync(ScrBot.Bot.Delivery.HeldCard held, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(held);
        if (!CaseReference.TryParse(held.Reference, out var reference))
        {
            return Task.CompletedTask;
        }

        var card = AdaptiveCard.Card(
            [
                AdaptiveCard.Heading($"{reference} · A reminder was waiting for you"),
                AdaptiveCard.Text($"ScrBot could not reach you with {held.What}. Open the case to see what is due now and who owes it."),
                AdaptiveCard.Text("Only the case reference is shown here.", subtle: true),
            ],
            [AdaptiveCard.Execute("Case status", NudgeCards.CaseStatusVerb, new System.Text.Json.Nodes.JsonObject { ["reference"] = reference.Value.Value }, style: "positive")]);
        var name = directory.Boards.SelectMany(b => b.Members).FirstOrDefault(m => m.Person.Value == held.Person)?.Name ?? held.PersonName;
        return delivery.DeliverAsync(
            new ScrBot.Bot.Delivery.CardForPerson(new PersonId(held.Person), name, new BoardId(held.Board), reference.Value, Purpose, held.Key, held.What, card,
                $"{reference} · A reminder was waiting for you"),
            cancellationToken);
    }
}
