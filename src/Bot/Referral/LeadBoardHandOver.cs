using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ScrBot.Bot.Delivery;
using ScrBot.Bot.Routing;
using ScrBot.Bot.Storage;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Referral;

/// <summary>
/// "Hand to another board" on the triage card: the lead board's Board Manager hands the case to the board that should
/// lead, with the reason (<see cref="CaseCommands.HandToBoard"/>); that board's Board Managers are told at once, and
/// the board handing it over cooperates.
/// </summary>
public sealed class LeadBoardActions(CaseStore cases, BoardDirectory directory, PersonDelivery delivery, TimeProvider time, ILogger<LeadBoardActions> logger)
    : ICardActionHandler, IHeldCardSender
{
    public const string HeldPurpose = "handover";

    public string VerbPrefix => Cards.TriageCard.HandOverVerb;

    string IHeldCardSender.Purpose => HeldPurpose;

    public async Task<CardActionResult> HandleAsync(TurnContext context, CardAction action)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        if (!context.IsPersonal)
        {
            return CardActionResult.Error(ReferralReplies.PersonalChatOnly, 403, "PersonalChatOnly");
        }

        if (context.UserAadObjectId is not { Length: > 0 } objectId)
        {
            return CardActionResult.Error(ReferralReplies.WhoAreYou, 401, "Unidentified");
        }

        if (!CaseReference.TryParse(Read(action.Data, "reference"), out var reference))
        {
            return CardActionResult.Error(CaseStatusService.NotFound, 404, "NotFound");
        }

        var to = new BoardId(Read(action.Data, Cards.TriageCard.HandOverBoardInput) ?? "");
        var reason = Read(action.Data, Cards.TriageCard.HandOverReasonInput) ?? "";
        var actor = new Actor(new PersonId(objectId), context.UserName);
        CaseResult? refused = null;
        foreach (var board in await cases.FindBoardsForReferenceAsync(reference.Value, context.CancellationToken).ConfigureAwait(false))
        {
            var result = await cases.ExecuteAsync(board, reference.Value, "hand the case to another board", actor,
                (state, _) => CaseCommands.HandToBoard(state, new CommandContext(actor, time.GetUtcNow(), directory), to, reason),
                context.CancellationToken).ConfigureAwait(false);
            if (result.IsRefused)
            {
                refused = result;
                continue;
            }

            logger.LogInformation("Case {Reference} handed to board {Board}", reference.Value.Value, to.Value);
            await TellAsync(to, reference.Value, context.CancellationToken).ConfigureAwait(false);
            var name = directory.Find(to)?.Name ?? to.Value;
            return CardActionResult.ReplaceCard(Card(
            [
                Heading($"{reference.Value} · Handed to {name}"),
                Text($"{name} leads this case from now on, and its Board Manager has been told. Your board cooperates, and the reason is kept on the case."),
                Text($"Type **case {reference.Value}** to see where it stands.", subtle: true),
            ]));
        }

        return refused is null
            ? CardActionResult.Error(CaseStatusService.NotFound, 404, "NotFound")
            : CardActionResult.Error(refused.Outcome.Explanation, 403, "Refused");
    }

    public Task SendAgainAsync(HeldCard held, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(held);
        return CaseReference.TryParse(held.Reference, out var reference)
            ? TellAsync(new BoardId(held.Board), reference.Value, cancellationToken, only: new PersonId(held.Person))
            : Task.CompletedTask;
    }

    /// <summary>The new lead board's Board Managers are told: the reference only; the case and the reason are behind <c>case</c>.</summary>
    private async Task TellAsync(BoardId to, CaseReference reference, CancellationToken cancellationToken, PersonId? only = null)
    {
        var name = directory.Find(to)?.Name ?? to.Value;
        var card = Card(
        [
            Heading($"{reference} · Handed to your board"),
            Text($"{name} now leads this case: it was handed over by the board it was referred to, which cooperates. Type **case {reference}** to see it and why."),
        ]);
        foreach (var manager in directory.WithRole(to, Role.BoardManager).Where(m => only is null || m.Person == only))
        {
            await delivery.DeliverAsync(
                new CardForPerson(manager.Person, manager.Name, to, reference, HeldPurpose, $"handover:{reference}:{to.Value}", "the news that a case was handed to their board",
                    card, $"{reference} · Handed to your board"),
                cancellationToken).ConfigureAwait(false);
        }
    }

    private static string? Read(JsonObject data, string name) =>
        data[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text.Trim() : null;
}
