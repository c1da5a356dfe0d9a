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
/// not exist gets, so the reply never shows that a case exists; the refused look is kept in the case's audit trail.
/// </summary>
public sealed class CaseStatusService(CaseStore cases, BoardDirectory directory, TimeProvider time, WorkingDayCalendar calendar, ProcessProfile profile)
{
    /// <summary>
    /// The answer for a case that does not exist and for a case the person has no role on: the same words, which do
    /// not repeat the reference, so that the reply never tells the two apart.
    /// </summary>
    public const string NotFound = "There is no case with that reference that you can see. Check the reference, or ask the board's Board Manager.";

    public const string HowToAsk = "Type case and the case's reference, for example: case SCR-2026-0007.";

    /// <summary>The status card, or null when there is no such case this person may see.</summary>
    public async Task<JsonObject?> StatusAsync(Actor person, CaseReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        foreach (var board in await cases.FindBoardsForReferenceAsync(reference, cancellationToken).ConfigureAwait(false))
        {
            var stored = await cases.LoadAsync(board, reference, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                continue;
            }

            if (!CaseAccess.HasRoleOnCase(stored.State, person.Id, directory))
            {
                await cases.ExecuteAsync(board, reference, "see the case's status", person,
                    (_, _) => Outcome.Refused("The person has no role on this case."), cancellationToken).ConfigureAwait(false);
                continue;
            }

            var today = LondonTime.Today(time);
            var open = ObligationRules.Derive(stored.Facts, profile, calendar, today)
                .Where(o => o.IsOutstanding)
                .Select(o => new OpenObligation(o.Code.ToString(), o.Title, o.DueOn, o.OwnerPerson is { } who ? $"{o.Owner} ({who.Name})" : o.Owner))
                .ToList();
            return CaseStatusCard.Build(stored.State, stored.Facts, open, directory, today, calendar);
        }

        return null;
    }
}

/// <summary><c>case SCR-2026-0007</c>: the case's status card, for the people with a role on it.</summary>
public sealed class CaseCommand(CaseStatusService status) : ICommandHandler
{
    public const string Word = "case";

    public string Command => Word;

    public string Description => "See where a case you are part of stands: type case and its reference";

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

        var card = await status.StatusAsync(new Actor(new PersonId(objectId), context.UserName), reference.Value, context.CancellationToken).ConfigureAwait(false);
        if (card is null)
        {
            await context.SendTextAsync(CaseStatusService.NotFound).ConfigureAwait(false);
            return;
        }

        await context.SendCardAsync(card, $"{reference.Value} · Status").ConfigureAwait(false);
    }
}
