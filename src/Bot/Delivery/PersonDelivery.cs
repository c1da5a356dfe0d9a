using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Graph;
using ScrBot.Bot.Routing;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Delivery;

/// <summary>One card for one person, with what is needed to hold it and to tell the Board Manager about it.</summary>
/// <param name="Person">Who it is for.</param>
/// <param name="PersonName">Their name, as the directory gives it.</param>
/// <param name="Board">The board it is sent for: its Board Manager is told if the person cannot be reached.</param>
/// <param name="Reference">The case it is about, if any.</param>
/// <param name="Purpose">The feature that can build it again (<see cref="IHeldCardSender.Purpose"/>).</param>
/// <param name="Key">What the card is, unique for the person; also the sender's resend key.</param>
/// <param name="What">What it is in a few words, for the Board Manager (never a child's details).</param>
/// <param name="Card">The card.</param>
/// <param name="Summary">The notification text Teams shows.</param>
public sealed record CardForPerson(
    PersonId Person,
    string PersonName,
    BoardId Board,
    CaseReference? Reference,
    string Purpose,
    string Key,
    string What,
    JsonObject Card,
    string Summary);

/// <summary>What became of a card for a person.</summary>
public enum DeliveryOutcome
{
    /// <summary>It is in the person's chat with ScrBot.</summary>
    Delivered,

    /// <summary>ScrBot was installed for the person just now; the card goes the moment Teams opens their chat.</summary>
    HeldUntilInstalled,

    /// <summary>The person cannot be reached: the card is held for when they open ScrBot, and the Board Manager was told.</summary>
    HeldUnreachable,
}

/// <summary>A delivery's outcome, with the reason in plain English when it was not delivered.</summary>
public sealed record DeliveryResult(DeliveryOutcome Outcome, string? Reason = null)
{
    public bool Delivered => Outcome == DeliveryOutcome.Delivered;

    /// <summary>Where a delivered card went: the person's chat, so that it can be updated in place later.</summary>
    public ConversationReference? Chat { get; init; }

    /// <summary>The delivered card's activity id in that chat.</summary>
    public string? ActivityId { get; init; }
}

/// <summary>
/// The one way a card reaches a person in their chat with ScrBot, whoever they are and whatever the card. The chat
/// kept when they installed or opened ScrBot is used; without one, a chat is started through the board's team when
/// ScrBot is installed there; failing that, ScrBot installs itself for the person (<see cref="ITeamsAppInstaller"/>).
/// A card that cannot go now is held (<see cref="IHeldCards"/>) and sent the moment the person installs or opens
/// ScrBot (<see cref="ReleaseAsync"/>: on installationUpdate, conversationUpdate or their first message). When the
/// person cannot be reached at all, the board's Board Manager is told on a card who and why, once per held card.
/// Nobody is missed silently.
/// </summary>
public sealed class PersonDelivery(
    IConversationReferences conversations,
    PersonalChats personalChats,
    BotSender sender,
    ITeamsAppInstaller installer,
    IHeldCards held,
    BoardDirectory directory,
    TimeProvider time,
    IServiceProvider services,
    ILogger<PersonDelivery> logger) : IPersonReachable
{
    /// <summary>The purpose of the Board Manager's notice that someone could not be reached.</summary>
    public const string UnreachablePurpose = "unreachable";

    private const string Installing = "ScrBot was installed for them; Teams is opening their chat.";

    public async Task<DeliveryResult> DeliverAsync(CardForPerson card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        var chat = await FindChatAsync(card.Person, card.Board, cancellationToken).ConfigureAwait(false);
        string reason;
        if (chat is not null)
        {
            var sent = await sender.SendAsync(chat, Activity.Card(card.Card, card.Summary), new SendOptions($"{card.Key}:{card.Person.Value}"), cancellationToken)
                .ConfigureAwait(false);
            if (sent.Delivered)
            {
                return new DeliveryResult(DeliveryOutcome.Delivered) { Chat = chat, ActivityId = sent.ActivityId };
            }

            reason = $"Teams did not accept the message ({sent.Problem}).";
        }
        else
        {
            var installed = await installer.InstallForPersonAsync(card.Person.Value, cancellationToken).ConfigureAwait(false);
            if (installed.Outcome == AppInstallOutcome.Installed)
            {
                await HoldAsync(card, Installing, cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Installed ScrBot for a person; a card is held until their chat opens ({Key})", card.Key);
                return new DeliveryResult(DeliveryOutcome.HeldUntilInstalled, "ScrBot was installed for them just now.");
            }

            reason = installed.Outcome == AppInstallOutcome.AlreadyInstalled
                ? "ScrBot is installed for them, but they have not opened their chat with it yet."
                : "They have not opened ScrBot in Teams. " + (installed.Reason ?? "ScrBot could not install itself for them.");
        }

        // Told once per held card: when it is first held, or when a card held for an install turns out unreachable
        // (Teams never opened the chat).
        var waiting = (await held.ForPersonAsync(card.Person.Value, cancellationToken).ConfigureAwait(false)).FirstOrDefault(h => h.Key == card.Key);
        if (waiting?.Reason == Installing)
        {
            await held.ReleaseAsync(card.Person.Value, card.Key, cancellationToken).ConfigureAwait(false);
        }

        if (await HoldAsync(card, reason, cancellationToken).ConfigureAwait(false))
        {
            await TellBoardManagerAsync(card, reason, cancellationToken).ConfigureAwait(false);
        }

        logger.LogWarning("A card could not be delivered and is held ({Key}): {Reason}", card.Key, reason);
        return new DeliveryResult(DeliveryOutcome.HeldUnreachable, reason);
    }

    /// <summary>
    /// Sends what is held for a person who can now be reached: called when they install or open ScrBot, and with each
    /// of their messages. Each feature builds its card again from its own state.
    /// </summary>
    public Task OnReachableAsync(string aadObjectId, CancellationToken cancellationToken) => ReleaseAsync(aadObjectId, cancellationToken);

    /// <inheritdoc cref="OnReachableAsync"/>
    public async Task<int> ReleaseAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var waiting = await held.ForPersonAsync(aadObjectId, cancellationToken).ConfigureAwait(false);
        foreach (var card in waiting)
        {
            await held.ReleaseAsync(aadObjectId, card.Key, cancellationToken).ConfigureAwait(false);
            try
            {
                if (card.Purpose == UnreachablePurpose)
                {
                    // Told only if the card they were to be told about is still held.
                    var parts = card.Key.Split(':', 3);
                    var missed = parts.Length == 3
                        ? (await held.ForPersonAsync(parts[1], cancellationToken).ConfigureAwait(false)).FirstOrDefault(h => h.Key == parts[2])
                        : null;
                    if (missed is not null)
                    {
                        await DeliverAsync(UnreachableNotice(missed, new PersonId(aadObjectId)), cancellationToken).ConfigureAwait(false);
                    }

                    continue;
                }

                var feature = services.GetServices<IHeldCardSender>().FirstOrDefault(s => s.Purpose == card.Purpose);
                if (feature is null)
                {
                    logger.LogWarning("No feature sends held cards of purpose {Purpose} ({Key})", card.Purpose, card.Key);
                    continue;
                }

                await feature.SendAgainAsync(card, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "A held card could not be sent again ({Key}); it is held again", card.Key);
                await held.HoldAsync(card, cancellationToken).ConfigureAwait(false);
            }
        }

        if (waiting.Count > 0)
        {
            logger.LogInformation("Released {Count} held cards for a person who can now be reached", waiting.Count);
        }

        return waiting.Count;
    }

    private async Task<ConversationReference?> FindChatAsync(PersonId person, BoardId board, CancellationToken cancellationToken)
    {
        var chat = await conversations.FindPersonalAsync(person.Value, cancellationToken).ConfigureAwait(false);
        if (chat is null && directory.Find(board)?.NoticeChannel is { } channelId
            && await conversations.FindChannelAsync(channelId, cancellationToken).ConfigureAwait(false) is { } via)
        {
            chat = await personalChats.FindOrStartAsync(person.Value, via, cancellationToken).ConfigureAwait(false);
        }

        return chat;
    }

    private Task<bool> HoldAsync(CardForPerson card, string reason, CancellationToken cancellationToken) =>
        held.HoldAsync(new HeldCard(card.Person.Value, card.Key, card.Purpose, card.Board.Value, card.Reference?.Value, card.PersonName, card.What, reason, time.GetUtcNow()),
            cancellationToken);

    /// <summary>Tells each of the board's Board Managers (other than the person missed) on a card who could not be reached and why.</summary>
    private async Task TellBoardManagerAsync(CardForPerson missed, string reason, CancellationToken cancellationToken)
    {
        if (missed.Purpose == UnreachablePurpose)
        {
            return;
        }

        var notice = new HeldCard(missed.Person.Value, missed.Key, missed.Purpose, missed.Board.Value, missed.Reference?.Value, missed.PersonName, missed.What, reason, time.GetUtcNow());
        var managers = directory.WithRole(missed.Board, Role.BoardManager).Where(m => m.Person != missed.Person).ToList();
        foreach (var manager in managers)
        {
            await DeliverAsync(UnreachableNotice(notice, manager.Person), cancellationToken).ConfigureAwait(false);
        }

        if (managers.Count > 0)
        {
            return;
        }

        // The Board Manager is the one missed: the board's notice channel hears it (names of board staff and the
        // reference only, as every channel post).
        var channel = directory.Find(missed.Board)?.NoticeChannel is { } channelId
            ? await conversations.FindChannelAsync(channelId, cancellationToken).ConfigureAwait(false)
            : null;
        var posted = channel is not null
            && (await sender.SendAsync(channel, Activity.Card(UnreachableCard.Build(notice, EmailOf(notice.Person)), $"{missed.PersonName} could not be reached"),
                new SendOptions($"unreachable:{missed.Person.Value}:{missed.Key}"), cancellationToken).ConfigureAwait(false)).Delivered;
        if (!posted)
        {
            logger.LogWarning("Nobody could be told that a card was not delivered ({Key}): no other Board Manager, and the board's channel was not reached", missed.Key);
        }
    }

    private CardForPerson UnreachableNotice(HeldCard missed, PersonId manager) => new(
        manager,
        "the Board Manager",
        new BoardId(missed.Board),
        missed.Reference is { } r && CaseReference.TryParse(r, out var reference) ? reference : null,
        UnreachablePurpose,
        $"unreachable:{missed.Person}:{missed.Key}",
        missed.What,
        UnreachableCard.Build(missed, EmailOf(missed.Person)),
        $"{missed.PersonName} could not be reached");

    private string? EmailOf(string person) =>
        directory.Boards.SelectMany(b => b.Members).FirstOrDefault(m => m.Person.Value == person && m.Email is not null)?.Email;
}
