using Microsoft.Extensions.Logging;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Routing;
using ScrBot.Domain.Boards;

namespace ScrBot.Bot.Referral;

/// <summary>The words the referral journey answers with when it cannot go ahead.</summary>
public static class ReferralReplies
{
    public const string PersonalChatOnly =
        "For confidentiality, referrals and case details are handled in a personal chat with ScrBot only. Open a chat with ScrBot and try there.";

    public const string WhoAreYou =
        "ScrBot could not tell who you are from Teams, so it cannot keep your answers. Please use Teams signed in with your work account.";
}

/// <summary><c>refer</c>: opens the notification form, or offers to resume the draft already started.</summary>
public sealed class ReferCommand(ReferralJourney journey) : ICommandHandler
{
    public const string Word = "refer";

    public string Command => Word;

    public string Description => "Refer a case that may meet the criteria for a Serious Case Review";

    public async Task HandleAsync(TurnContext context, string arguments)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.IsPersonal)
        {
            await context.SendTextAsync(ReferralReplies.PersonalChatOnly).ConfigureAwait(false);
            return;
        }

        if (context.UserAadObjectId is not { Length: > 0 } objectId)
        {
            await context.SendTextAsync(ReferralReplies.WhoAreYou).ConfigureAwait(false);
            return;
        }

        var card = await journey.StartAsync(new Actor(new PersonId(objectId), context.UserName), context.CancellationToken).ConfigureAwait(false);
        await context.SendCardAsync(card, "New referral").ConfigureAwait(false);
    }
}

/// <summary>
/// The form's buttons (<c>referral.start</c>, <c>referral.next</c>, <c>referral.back</c>, <c>referral.add</c>,
/// <c>referral.review</c>, <c>referral.submit</c>, <c>referral.discard</c>, <c>referral.resume</c>): each answers with
/// the card that replaces the one pressed. A referral sent goes to triage in the background.
/// </summary>
public sealed class ReferralCardActions(ReferralJourney journey, TriageQueue triage, ILogger<ReferralCardActions> logger) : ICardActionHandler
{
    public string VerbPrefix => "referral.";

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

        var user = new Actor(new PersonId(objectId), context.UserName);
        var result = await journey.ActAsync(user, action.Verb, action.Data, context.CancellationToken).ConfigureAwait(false);
        if (result.Referred is { } referred)
        {
            logger.LogInformation("Referral {Reference} queued for triage", referred.Reference.Value);
            triage.Enqueue(referred.LeadBoard, referred.Reference);
        }

        return CardActionResult.ReplaceCard(result.Card);
    }

    /// <summary>
    /// A form button delivered again: the form as it now stands (the section the first press led to), or — once
    /// the form was sent — its acknowledgement, drawn from the case. Nothing is saved or sent again.
    /// </summary>
    public async Task<CardActionResult?> AnswerAgainAsync(TurnContext context, CardAction action)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        if (!context.IsPersonal || context.UserAadObjectId is not { Length: > 0 } objectId
            || action.Verb.Equals(FormSectionFrame.VerbStart, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var user = new Actor(new PersonId(objectId), context.UserName);
        var result = await journey.ActAsync(user, FormSectionFrame.VerbResume, action.Data, context.CancellationToken).ConfigureAwait(false);
        return CardActionResult.ReplaceCard(result.Card);
    }
}
