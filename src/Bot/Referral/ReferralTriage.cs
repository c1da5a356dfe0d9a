using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Delivery;
using ScrBot.Bot.Storage;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Criteria;
using ScrBot.Domain.Referral;

namespace ScrBot.Bot.Referral;

/// <summary>What triage did with a new referral: who was reached, and what could not be sent.</summary>
public sealed record TriageReport(
    CaseReference Reference,
    IReadOnlyList<PossibleDuplicate> Duplicates,
    IReadOnlyList<Actor> ChairsInformed,
    int BoardManagersReached,
    bool ChannelNotified,
    IReadOnlyList<string> Problems)
{
    /// <summary>Every message delivered and D2 recorded: nothing is left to do.</summary>
    public bool Finished { get; init; }
}

/// <summary>
/// Stage 2 for a referral just received: the Independent Chair and the Sub-group Chair are told (and D2 is recorded
/// as met once their messages are sent), the Board Manager gets the full referral with any possible duplicate, and the
/// board's notice channel gets the reference, the date and the criteria verdict only. What was delivered is kept in
/// the <see cref="TriageLedger"/>, so that running triage again (after a restart, or by the sweep) sends only what is
/// still missing and never the same message twice.
/// </summary>
public sealed class ReferralTriage(
    CaseStore cases,
    DuplicateSearch duplicateSearch,
    BoardDirectory directory,
    IConversationReferences conversations,
    PersonDelivery delivery,
    BotSender sender,
    TriageLedger ledger,
    TimeProvider time,
    ILogger<ReferralTriage> logger)
{
    /// <summary>
    /// Triages the case, or does what is left of its triage. Null when there is nothing to do: no such case, triage
    /// finished already, or another host is at it.
    /// </summary>
    public async Task<TriageReport?> RunAsync(BoardId board, CaseReference reference, CancellationToken cancellationToken)
    {
        // `board` is the board the case is kept on, or (for a card held for someone) the board that leads it now.
        var stored = await cases.LoadAsync(board, reference, cancellationToken).ConfigureAwait(false)
            ?? (await cases.CasesLedByAsync(board, reference, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        board = stored?.Board ?? board;
        if (stored?.Facts.OfType<CaseReferred>().FirstOrDefault() is not { } referred)
        {
            logger.LogWarning("Triage found no case {Reference} on board {Board}", reference.Value, board.Value);
            return null;
        }

        // What is left of triage is done for the board that leads the case now: after a hand-over, its Chairs, Board
        // Managers and channel, with the board that handed it over cooperating. The case stays kept on `board`.
        var keptOn = board;
        var referral = referred with { LeadBoard = stored.State.LeadBoard, CooperatingBoards = [.. stored.State.CooperatingBoards] };
        board = referral.LeadBoard;

        var claim = await ledger.ClaimAsync(keptOn, reference, cancellationToken).ConfigureAwait(false);
        if (claim is null)
        {
            logger.LogDebug("Triage of {Reference} is finished or under way on another host", reference.Value);
            return null;
        }

        var problems = new List<string>();
        var advice = CriteriaAssessment.Assess(referral.Form);
        var chairs = stored.State.ChairsInformed.Count > 0
            ? stored.State.ChairsInformed.ToList()
            : await InformChairsAsync(keptOn, referral, advice, claim, problems, cancellationToken).ConfigureAwait(false);

        IReadOnlyList<PossibleDuplicate> duplicates = [];
        var managers = directory.WithRole(board, Role.BoardManager);
        var managersToSend = managers.Where(m => !claim.ManagersReached.Contains(m.Person.Value)).ToList();
        if (managersToSend.Count > 0)
        {
            duplicates = await duplicateSearch.FindAsync(board, reference, referral.Form.Child, cancellationToken).ConfigureAwait(false);
        }

        foreach (var manager in managersToSend)
        {
            var (triage, limit) = TriageCard.BuildWithLimit(referral, advice, duplicates, chairs, directory);
            if (await SendPersonalAsync(board, reference, manager, triage, $"{reference} · New referral for triage", "manager", "the new referral for triage", problems, cancellationToken).ConfigureAwait(false))
            {
                claim.ManagersReached.Add(manager.Person.Value);
                await KeepAsync(claim, done: false, cancellationToken).ConfigureAwait(false);
                if (limit is not null)
                {
                    var part = 0;
                    foreach (var (card, summary) in FullTextCard.Messages(reference, referral.Form, directory))
                    {
                        part++;
                        await SendPersonalAsync(board, reference, manager, card, summary, $"full-text-{part}", "the referral's answers in full", problems, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }

        if (!claim.ReferrerTold && claim.ManagersReached.Count > 0 && await TellReferrerAsync(referral, claim, problems, cancellationToken).ConfigureAwait(false))
        {
            claim.ReferrerTold = true;
            await KeepAsync(claim, done: false, cancellationToken).ConfigureAwait(false);
        }

        var cooperatingReached = await TellCooperatingBoardsAsync(referral, claim, problems, cancellationToken).ConfigureAwait(false);

        var hasChannel = directory.Find(board)?.NoticeChannel is not null;
        if (hasChannel && !claim.ChannelNotified && await NotifyChannelAsync(referral, advice.SeriousCaseReview, problems, cancellationToken).ConfigureAwait(false))
        {
            claim.ChannelNotified = true;
            await KeepAsync(claim, done: false, cancellationToken).ConfigureAwait(false);
        }

        var finished = chairs.Count > 0
            && managers.Count > 0
            && claim.ReferrerTold
            && cooperatingReached
            && managers.All(m => claim.ManagersReached.Contains(m.Person.Value))
            && (claim.ChannelNotified || !hasChannel);
        await KeepAsync(claim, finished, cancellationToken).ConfigureAwait(false);
        if (finished)
        {
            logger.LogInformation("Triage finished for {Reference}", reference.Value);
        }

        foreach (var problem in problems)
        {
            logger.LogWarning("Triage of {Reference}: {Problem}", reference.Value, problem);
        }

        return new TriageReport(reference, duplicates, chairs, claim.ManagersReached.Count, claim.ChannelNotified, problems) { Finished = finished };
    }

    /// <summary>
    /// Triages every case of every board that is at the Triage stage and whose triage has not finished: a referral
    /// whose triage was lost to a restart, or whose messages could not all be delivered before.
    /// </summary>
    public async Task<IReadOnlyList<TriageReport>> SweepAsync(CancellationToken cancellationToken)
    {
        var reports = new List<TriageReport>();
        foreach (var board in directory.Boards)
        {
            foreach (var entry in await cases.CasesOnBoardAsync(board.Id, cancellationToken).ConfigureAwait(false))
            {
                if (entry.Stage != Stage.Triage || await ledger.IsDoneAsync(entry.KeptOn, entry.Reference, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                if (await RunAsync(entry.KeptOn, entry.Reference, cancellationToken).ConfigureAwait(false) is { } report)
                {
                    reports.Add(report);
                }
            }
        }

        logger.LogInformation("Triage sweep: {Count} referrals triaged or retried", reports.Count);
        return reports;
    }

    private async Task KeepAsync(TriageClaim claim, bool done, CancellationToken cancellationToken)
    {
        if (!await ledger.RecordAsync(claim, done, cancellationToken).ConfigureAwait(false))
        {
            throw new TriageClaimLostException($"The triage of {claim.Reference} was taken over by another host.");
        }
    }

    private async Task<List<Actor>> InformChairsAsync(BoardId keptOn, CaseReferred referral, CriteriaAdvice advice, TriageClaim claim, List<string> problems, CancellationToken cancellationToken)
    {
        var board = referral.LeadBoard;
        var everyoneReached = true;
        var anyChair = false;
        foreach (var role in new[] { Role.IndependentChair, Role.SubgroupChair })
        {
            foreach (var chair in directory.WithRole(board, role))
            {
                anyChair = true;
                var key = TriageClaim.ChairKey(role, chair.Person);
                if (claim.ChairsReached.Contains(key))
                {
                    continue;
                }

                var card = ChairsNoticeCard.Build(referral, advice, role, directory);
                if (await SendPersonalAsync(board, referral.Reference, chair, card, $"{referral.Reference} · New referral", $"chair-{role}", "the notice of a new referral", problems, cancellationToken).ConfigureAwait(false))
                {
                    claim.ChairsReached.Add(key);
                    await KeepAsync(claim, done: false, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    everyoneReached = false;
                }
            }
        }

        var manager = directory.WithRole(board, Role.BoardManager).FirstOrDefault();
        if (!anyChair || !everyoneReached || manager is null)
        {
            problems.Add("The Chairs were not all reached, so the Board Manager still has to tell them (D2 stays open).");
            return [];
        }

        var actor = new Actor(manager.Person, manager.Name);
        var result = await cases.ExecuteAsync(
            keptOn,
            referral.Reference,
            "record that the Chairs were informed",
            actor,
            (state, _) => CaseCommands.InformChairs(state, new CommandContext(actor, time.GetUtcNow(), directory)),
            cancellationToken).ConfigureAwait(false);
        if (result.IsRefused)
        {
            problems.Add("Recording that the Chairs were informed was refused: " + result.Outcome.Explanation);
            return [];
        }

        logger.LogInformation("The Chairs were informed of {Reference}: D2 recorded", referral.Reference.Value);

        return [.. result.State.ChairsInformed];
    }

    private async Task<bool> NotifyChannelAsync(CaseReferred referral, CriteriaVerdict verdict, List<string> problems, CancellationToken cancellationToken)
    {
        if (directory.Find(referral.LeadBoard)?.NoticeChannel is not { } channelId)
        {
            return false;
        }

        var channel = await conversations.FindChannelAsync(channelId, cancellationToken).ConfigureAwait(false);
        if (channel is null)
        {
            problems.Add("The board's notice channel is not reachable: ScrBot is not installed in its team.");
            return false;
        }

        var notice = ChannelNoticeCard.Build(referral.Reference, referral.At, verdict);
        var result = await sender.SendAsync(channel, Activity.Card(notice, $"{referral.Reference} · New referral received"), new SendOptions($"triage:{referral.Reference}:channel"), cancellationToken).ConfigureAwait(false);
        if (!result.Delivered)
        {
            problems.Add("The notice to the board's channel was not delivered: " + result.Problem);
        }

        return result.Delivered;
    }

    /// <summary>
    /// The Board Managers of the cooperating boards are told of the case (they hold a role on it and can open it).
    /// True when every one of them has been told.
    /// </summary>
    private async Task<bool> TellCooperatingBoardsAsync(CaseReferred referral, TriageClaim claim, List<string> problems, CancellationToken cancellationToken)
    {
        var all = true;
        foreach (var cooperating in referral.CooperatingBoards)
        {
            foreach (var manager in directory.WithRole(cooperating, Role.BoardManager))
            {
                var key = TriageClaim.ChairKey(Role.CooperatingBoardManager, manager.Person);
                if (claim.ChairsReached.Contains(key) || claim.ManagersReached.Contains(manager.Person.Value)
                    || directory.RolesOf(manager.Person, referral.LeadBoard).Contains(Role.BoardManager))
                {
                    // Told already, told as the lead board's Board Manager, or had the triage card before handing the case over.
                    continue;
                }

                var card = CooperatingBoardCard.Build(referral.Reference, directory.Find(referral.LeadBoard)?.Name ?? referral.LeadBoard.Value,
                    directory.Find(cooperating)?.Name ?? cooperating.Value, referral.Form);
                if (await SendPersonalAsync(cooperating, referral.Reference, manager, card, $"{referral.Reference} · A case your board cooperates on",
                        $"cooperating-{cooperating.Value}", "the notice of a case the board cooperates on", problems, cancellationToken).ConfigureAwait(false))
                {
                    claim.ChairsReached.Add(key);
                    await KeepAsync(claim, done: false, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    all = false;
                }
            }
        }

        return all;
    }

    /// <summary>
    /// The referrer is told, once a Board Manager has the referral, who has it: the acknowledgement only says where
    /// it goes, never that someone has it before they do.
    /// </summary>
    private async Task<bool> TellReferrerAsync(CaseReferred referral, TriageClaim claim, List<string> problems, CancellationToken cancellationToken)
    {
        var reached = directory.WithRole(referral.LeadBoard, Role.BoardManager).Where(m => claim.ManagersReached.Contains(m.Person.Value)).Select(m => m.Name).ToList();
        var referrer = new BoardMember(referral.By.Id, referral.By.Name, Role.AgencyRepresentative, null, null);
        var card = ReferralReachedCard.Build(referral.Reference, reached, directory.Find(referral.LeadBoard)?.Name ?? referral.LeadBoard.Value);
        return await SendPersonalAsync(referral.LeadBoard, referral.Reference, referrer, card, $"{referral.Reference} · The Board Manager has your referral", "referrer",
            "the news that the Board Manager has their referral", problems, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends one of triage's cards to a person through <see cref="PersonDelivery"/>: a card that cannot go now is held
    /// and sent again (by running the case's triage again) the moment the person can be reached.
    /// </summary>
    private async Task<bool> SendPersonalAsync(
        BoardId board,
        CaseReference reference,
        BoardMember person,
        System.Text.Json.Nodes.JsonObject card,
        string summary,
        string part,
        string what,
        List<string> problems,
        CancellationToken cancellationToken)
    {
        var result = await delivery.DeliverAsync(
            new CardForPerson(person.Person, person.Name, board, reference, TriageHeldCards.Purpose, $"triage:{reference}:{part}", what, card, summary),
            cancellationToken).ConfigureAwait(false);
        if (!result.Delivered)
        {
            problems.Add($"{person.Name} was not reached: {result.Reason}");
        }

        return result.Delivered;
    }
}

/// <summary>Finds the board's other cases that may be about the same child.</summary>
public sealed class DuplicateSearch(CaseStore cases)
{
    /// <summary>
    /// Other cases of the same board that may concern the same child: the same name and date of birth, or a name
    /// either record gives as another name of the child. Found by reading the board's case partitions (the index holds
    /// no child's details, and must not).
    /// </summary>
    public async Task<IReadOnlyList<PossibleDuplicate>> FindAsync(BoardId board, CaseReference reference, ChildDetails child, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(child);
        var found = new List<PossibleDuplicate>();
        foreach (var entry in await cases.CasesOnBoardAsync(board, cancellationToken).ConfigureAwait(false))
        {
            if (entry.Reference == reference)
            {
                continue;
            }

            var other = await cases.LoadAsync(entry.KeptOn, entry.Reference, cancellationToken).ConfigureAwait(false);
            if (other?.State.Form?.Child is not { } otherChild)
            {
                continue;
            }

            if (Why(child, otherChild) is { } why)
            {
                found.Add(new PossibleDuplicate(entry.Reference, why, other.State.ReferredAt ?? default));
            }
        }

        return found;
    }

    /// <summary>Why two children may be the same child, or null.</summary>
    public static string? Why(ChildDetails child, ChildDetails other)
    {
        ArgumentNullException.ThrowIfNull(child);
        ArgumentNullException.ThrowIfNull(other);
        if (Same(child.Name, other.Name) && child.DateOfBirth is { } dob && dob == other.DateOfBirth)
        {
            return $"the same name and date of birth ({Words.Date(dob)})";
        }

        foreach (var alias in child.OtherNames.Where(a => Same(a, other.Name) || other.OtherNames.Any(o => Same(a, o))))
        {
            return $"'{alias.Trim()}', another name of this child, is a name of the child in that case";
        }

        foreach (var alias in other.OtherNames.Where(a => Same(a, child.Name)))
        {
            return $"this child's name is another name of the child in that case ('{alias.Trim()}')";
        }

        return null;
    }

    private static bool Same(string a, string b) => Normalise(a).Length > 0 && string.Equals(Normalise(a), Normalise(b), StringComparison.OrdinalIgnoreCase);

    private static string Normalise(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var part in name.Normalize(NormalizationForm.FormKC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(part.ToLower(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}

/// <summary>Triage's held cards: running the case's triage again sends whatever is still missing.</summary>
public sealed class TriageHeldCards(TriageQueue queue) : IHeldCardSender
{
    public const string Purpose = "triage";

    string IHeldCardSender.Purpose => Purpose;

    public Task SendAgainAsync(HeldCard held, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(held);
        if (CaseReference.TryParse(held.Reference, out var reference))
        {
            queue.Enqueue(new BoardId(held.Board), reference.Value);
        }

        return Task.CompletedTask;
    }
}

/// <summary>The triage worker's settings (configuration section <c>Triage</c>).</summary>
public sealed class TriageOptions
{
    public const string Section = "Triage";

    /// <summary>
    /// How often every board's cases at the Triage stage are checked for a triage that did not finish (lost to a
    /// restart, or a message that could not be delivered). The check also runs when the bot starts.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>The triage of a case was taken over by another host while this one was at it.</summary>
public sealed class TriageClaimLostException(string message) : Exception(message);

/// <summary>
/// Referrals waiting for triage, handled in the background so that the referrer's card answers at once, and requests
/// to sweep for triage that did not finish. Only the reference is queued: the case itself is the record, so a referral
/// queued here and lost to a restart is found again by the sweep.
/// </summary>
public sealed class TriageQueue
{
    private readonly Channel<(BoardId Board, CaseReference Reference)?> _queue = Channel.CreateUnbounded<(BoardId, CaseReference)?>();

    public void Enqueue(BoardId board, CaseReference reference) => _queue.Writer.TryWrite((board, reference));

    /// <summary>Asks for every board's unfinished triage to be done.</summary>
    public void RequestSweep() => _queue.Writer.TryWrite(null);

    internal ChannelReader<(BoardId Board, CaseReference Reference)?> Reader => _queue.Reader;
}

/// <summary>
/// Runs <see cref="ReferralTriage"/> for each referral in the <see cref="TriageQueue"/>, one at a time, and sweeps for
/// unfinished triage when the bot starts and every <see cref="TriageOptions.SweepInterval"/> (on the
/// <see cref="TimeProvider"/>'s timer). The triage and what it needs (settings, directory, storage) are taken once the
/// host has started, so that a setting that stops start-up is reported by the start-up check, not by this worker.
/// </summary>
public sealed class TriageWorker(
    TriageQueue queue,
    IServiceProvider services,
    TimeProvider time,
    IOptions<TriageOptions> options,
    ILogger<TriageWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var interval = options.Value.SweepInterval;
        queue.RequestSweep();
        using var timer = interval > TimeSpan.Zero
            ? time.CreateTimer(static state => ((TriageQueue)state!).RequestSweep(), queue, interval, interval)
            : null;

        ReferralTriage? triage = null;
        await foreach (var work in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                triage ??= services.GetRequiredService<ReferralTriage>();
                if (work is { } referral)
                {
                    await triage.RunAsync(referral.Board, referral.Reference, stoppingToken).ConfigureAwait(false);

                    // From triage on, the case's cards (the Board Manager's hub and task cards) follow its facts.
                    if (services.GetService<Conversations.CaseConversations>() is { } conversations)
                    {
                        await conversations.SyncAsync(referral.Board, referral.Reference, stoppingToken).ConfigureAwait(false);
                    }
                }
                else
                {
                    await triage.SweepAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                if (work is { } failed)
                {
                    logger.LogError(e, "Triage of {Reference} on board {Board} failed", failed.Reference.Value, failed.Board.Value);
                }
                else
                {
                    logger.LogError(e, "The sweep for unfinished triage failed");
                }
            }
        }
    }
}
