using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Connector;
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
    IReadOnlyList<string> Problems);

/// <summary>
/// Stage 2 for a referral just received: the Independent Chair and the Sub-group Chair are told (and D2 is recorded
/// as met once their messages are sent), the Board Manager gets the full referral with any possible duplicate, and the
/// board's notice channel gets the reference, the date and the criteria verdict only.
/// </summary>
public sealed class ReferralTriage(
    CaseStore cases,
    DuplicateSearch duplicateSearch,
    BoardDirectory directory,
    IConversationReferences conversations,
    BotSender sender,
    TimeProvider time,
    ILogger<ReferralTriage> logger)
{
    public async Task<TriageReport?> RunAsync(BoardId board, CaseReference reference, CancellationToken cancellationToken)
    {
        var stored = await cases.LoadAsync(board, reference, cancellationToken).ConfigureAwait(false);
        if (stored?.Facts.OfType<CaseReferred>().FirstOrDefault() is not { } referral)
        {
            logger.LogWarning("Triage found no case {Reference} on board {Board}", reference.Value, board.Value);
            return null;
        }

        var problems = new List<string>();
        var advice = CriteriaAssessment.Assess(referral.Form);
        var duplicates = await duplicateSearch.FindAsync(board, reference, referral.Form.Child, cancellationToken).ConfigureAwait(false);

        var chairs = stored.State.ChairsInformed.Count > 0
            ? stored.State.ChairsInformed.ToList()
            : await InformChairsAsync(referral, advice, problems, cancellationToken).ConfigureAwait(false);

        var managersReached = 0;
        foreach (var manager in directory.WithRole(board, Role.BoardManager))
        {
            var (triage, limit) = TriageCard.BuildWithLimit(referral, advice, duplicates, chairs, directory);
            if (await SendPersonalAsync(manager.Person, triage, $"{reference} · New referral for triage", problems, cancellationToken).ConfigureAwait(false))
            {
                managersReached++;
                if (limit is not null)
                {
                    foreach (var (card, summary) in FullTextCard.Messages(reference, referral.Form, directory))
                    {
                        await SendPersonalAsync(manager.Person, card, summary, problems, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }

        var channelNotified = await NotifyChannelAsync(referral, advice.SeriousCaseReview, problems, cancellationToken).ConfigureAwait(false);
        foreach (var problem in problems)
        {
            logger.LogWarning("Triage of {Reference}: {Problem}", reference.Value, problem);
        }

        return new TriageReport(reference, duplicates, chairs, managersReached, channelNotified, problems);
    }

    private async Task<List<Actor>> InformChairsAsync(CaseReferred referral, CriteriaAdvice advice, List<string> problems, CancellationToken cancellationToken)
    {
        var board = referral.LeadBoard;
        var reached = new List<(BoardMember Member, bool Sent)>();
        foreach (var role in new[] { Role.IndependentChair, Role.SubgroupChair })
        {
            foreach (var chair in directory.WithRole(board, role))
            {
                var card = ChairsNoticeCard.Build(referral, advice, role, directory);
                var sent = await SendPersonalAsync(chair.Person, card, $"{referral.Reference} · New referral", problems, cancellationToken).ConfigureAwait(false);
                reached.Add((chair, sent));
            }
        }

        var everyoneReached = reached.Count > 0 && reached.All(r => r.Sent);
        var manager = directory.WithRole(board, Role.BoardManager).FirstOrDefault();
        if (!everyoneReached || manager is null)
        {
            problems.Add("The Chairs were not all reached, so the Board Manager still has to tell them (D2 stays open).");
            return [];
        }

        var actor = new Actor(manager.Person, manager.Name);
        var result = await cases.ExecuteAsync(
            board,
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

    private async Task<bool> SendPersonalAsync(PersonId person, System.Text.Json.Nodes.JsonObject card, string summary, List<string> problems, CancellationToken cancellationToken)
    {
        var chat = await conversations.FindPersonalAsync(person.Value, cancellationToken).ConfigureAwait(false);
        if (chat is null)
        {
            problems.Add($"{Name(person)} has no personal chat with ScrBot (the app is not installed for them).");
            return false;
        }

        var result = await sender.SendAsync(chat, Activity.Card(card, summary), null, cancellationToken).ConfigureAwait(false);
        if (!result.Delivered)
        {
            problems.Add($"The message to {Name(person)} was not delivered: {result.Problem}");
        }

        return result.Delivered;
    }

    private string Name(PersonId person) =>
        directory.Boards.SelectMany(b => b.Members).FirstOrDefault(m => m.Person == person)?.Name ?? "A member of the board";
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

            var other = await cases.LoadAsync(board, entry.Reference, cancellationToken).ConfigureAwait(false);
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

/// <summary>Referrals waiting for triage, handled in the background so that the referrer's card answers at once.</summary>
public sealed class TriageQueue
{
    private readonly Channel<(BoardId Board, CaseReference Reference)> _queue = Channel.CreateUnbounded<(BoardId, CaseReference)>();

    public void Enqueue(BoardId board, CaseReference reference) => _queue.Writer.TryWrite((board, reference));

    internal ChannelReader<(BoardId Board, CaseReference Reference)> Reader => _queue.Reader;
}

/// <summary>
/// Runs <see cref="ReferralTriage"/> for each referral in the <see cref="TriageQueue"/>. The triage and what it needs
/// (settings, directory, storage) are taken when the first referral arrives, so that a setting that stops start-up is
/// reported by the start-up check, not by this worker.
/// </summary>
public sealed class TriageWorker(TriageQueue queue, IServiceProvider services, ILogger<TriageWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ReferralTriage? triage = null;
        await foreach (var (board, reference) in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                triage ??= services.GetRequiredService<ReferralTriage>();
                await triage.RunAsync(board, reference, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Triage of {Reference} on board {Board} failed", reference.Value, board.Value);
            }
        }
    }
}
