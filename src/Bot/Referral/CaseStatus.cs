using System.Text.Json.Nodes;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Routing;
using ScrBot.Bot.Storage;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;

namespace ScrBot.Bot.Referral;

/// <summary>
/// Where a case stands, for the people with a role on it. Anyone else gets exactly the answer a reference that does
/// not exist gets, so the reply never shows that a case exists; the refused look is kept in the case's audit trail as one row, nothing else rewritten.
/// </summary>
public sealed class CaseStatusService(
    CaseStore cases,
    BoardDirectory directory,
    TimeProvider time,
    ProcessProfiles profiles,
    Conversations.CaseConversations? conversations = null)
{
    /// <summary>
    /// The answer for a case that does not exist and for a case the person has no role on: the same words, which do
    /// not repeat the reference, so that the reply never tells the two apart.
    /// </summary>
    public const string NotFound = "There is no case with that reference that you can see. Check the reference, or ask the board's Board Manager.";

    public const string HowToAsk = "Type case and the case's reference, for example: case SCR-2026-0007.";

    /// <summary>
    /// The status card of each case with this reference that the person has a role on: none when there is no such case
    /// they may see, one as a rule, and two where boards numbered their own cases before and the person has a role on
    /// both — each then says which board's case it is.
    /// </summary>
    public async Task<IReadOnlyList<JsonObject>> StatusAsync(Actor person, CaseReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var seen = new List<StoredCase>();
        foreach (var board in await cases.FindBoardsForReferenceAsync(reference, cancellationToken).ConfigureAwait(false))
        {
            var stored = await cases.LoadAsync(board, reference, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                continue;
            }

            if (!CaseAccess.HasRoleOnCase(stored.State, person.Id, directory))
            {
                await cases.RecordRefusedLookAsync(board, reference, "see the case's status", person,
                    Outcome.Refused("The person has no role on this case."), cancellationToken).ConfigureAwait(false);
                continue;
            }

            seen.Add(stored);
        }

        var today = LondonTime.Today(time);
        var cards = new List<JsonObject>();
        foreach (var stored in seen)
        {
            var profile = profiles.For(stored.State.LeadBoard);
            var calendar = profile.CreateCalendar();
            var open = ObligationRules.Derive(stored.Facts, profile, calendar, today)
                .Where(o => o.IsOutstanding)
                .Select(o => new OpenObligation(o.Code.ToString(), o.Title, o.DueOn, o.OwnerPerson is { } who ? $"{o.Owner} ({who.Name})" : o.Owner))
                .ToList();
            var card = CaseStatusCard.Build(stored.State, stored.Facts, open, directory, today, calendar);
            if (conversations is not null)
            {
                // The person's role view: their steps with their buttons, and the full referral in expandable sections.
                var view = conversations.View(stored);
                card = Conversations.RoleView.Extend(card, view, conversations.StepsOf(view), person, conversations.ActionsFor(view, person));
            }

            if (seen.Count > 1)
            {
                var board = directory.Find(stored.State.LeadBoard)?.Name ?? stored.State.LeadBoard.Value;
                var referred = stored.State.ReferredAt is { } at ? $", referred {Words.Date(at)}" : "";
                card["body"]!.AsArray().Insert(1, AdaptiveCard.Text(
                    $"{seen.Count} cases have the reference {reference}. This one is {board}'s case{referred}.", strong: true));
            }

            cards.Add(card);
        }

        return cards;
    }
}

/// <summary><c>case SCR-2026-0007</c>: the case's status card, for the people with a role on it.</summary>
public sealed class CaseCommand(CaseStatusService status) : ICommandHandler
{
    public const string Word = "case";

    public string Command => Word;

    public string Description => "See a case you are part of: its stage, your steps and the referral. Type case and its reference";

    /// <summary>A bare reference (<c>SCR-2026-0007</c>) is read as <c>case SCR-2026-0007</c>.</summary>
    public bool Understands(string text) => CaseReference.TryParse(text, out _);

    public async Task HandleAsync(TurnContext context, string arguments)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(arguments);
        if (!context.IsPersonal)
        {
            await context.SendTextAsync(ReferralReplies.PersonalChatOnly).ConfigureAwait(false);
            return;
        }

        var text = arguments.Trim();
        if (text.Length == 0)
        {
            await context.SendTextAsync(CaseStatusService.HowToAsk).ConfigureAwait(false);
            return;
        }

        if (context.UserAadObjectId is not { Length: > 0 } objectId || !CaseReference.TryParse(text, out var reference))
        {
            await context.SendTextAsync(CaseStatusService.NotFound).ConfigureAwait(false);
            return;
        }

        var cards = await status.StatusAsync(new Actor(new PersonId(objectId), context.UserName), reference.Value, context.CancellationToken).ConfigureAwait(false);
        if (cards.Count == 0)
        {
            await context.SendTextAsync(CaseStatusService.NotFound).ConfigureAwait(false);
            return;
        }

        foreach (var card in cards)
        {
            await context.SendCardAsync(card, $"{reference.Value} · Status").ConfigureAwait(false);
        }
    }
}

/// <summary>
/// The help card's "Case status" button (<c>case.status</c>) and the lookup card's "Show status" (<c>case.show</c>):
/// the same answer as typing <c>case &lt;reference&gt;</c>, including the same words for a case the person cannot see.
/// </summary>
public sealed class CaseStatusActions(CaseStatusService status) : ICardActionHandler
{
    public string VerbPrefix => "case.";

    public async Task<CardActionResult> HandleAsync(TurnContext context, CardAction action)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        if (!context.IsPersonal)
        {
            return CardActionResult.Error(ReferralReplies.PersonalChatOnly, 403, "PersonalChatOnly");
        }

        if (action.Verb == "case.status")
        {
            return CardActionResult.ReplaceCard(CaseLookupCard.Build());
        }

        if (action.Verb != CaseLookupCard.ShowVerb)
        {
            return CardActionResult.Error($"ScrBot does not know the button '{action.Verb}'.", 400, "UnknownVerb");
        }

        var typed = action.Data[CaseLookupCard.ReferenceInput] is JsonValue value && value.TryGetValue<string>(out var text) ? text.Trim() : "";
        if (!CaseLookupCard.TryRead(typed, out var reference))
        {
            var error = typed.Length == 0 ? "Type a case reference, for example SCR-2026-0007." : CaseLookupCard.NotAReference(typed);
            return CardActionResult.ReplaceCard(CaseLookupCard.Build(typed, error));
        }

        if (context.UserAadObjectId is not { Length: > 0 } objectId)
        {
            return CardActionResult.Message(CaseStatusService.NotFound);
        }

        var cards = await status.StatusAsync(new Actor(new PersonId(objectId), context.UserName), reference, context.CancellationToken).ConfigureAwait(false);
        if (cards.Count == 0)
        {
            return CardActionResult.Message(CaseStatusService.NotFound);
        }

        // Two cases with one reference (numbered per board before): the first replaces the card, the other follows it.
        foreach (var other in cards.Skip(1))
        {
            await context.SendCardAsync(other, $"{reference} · Status").ConfigureAwait(false);
        }

        return CardActionResult.ReplaceCard(cards[0]);
    }

    /// <summary>A look delivered again: the case as it stands now (a look changes nothing but the audit of a refusal).</summary>
    public async Task<CardActionResult?> AnswerAgainAsync(TurnContext context, CardAction action) => await HandleAsync(context, action).ConfigureAwait(false);
}
