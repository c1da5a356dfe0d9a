using ScrBot.Bot.Referral;
using ScrBot.Bot.Routing;
using ScrBot.Domain.Boards;

namespace ScrBot.Bot.Conversations;

/// <summary>
/// Who pressed a case's button or typed a case's command, and where: case details are handled in a personal chat only,
/// and only for a person Teams identified (their Entra object id, the identity roles are checked against).
/// </summary>
public static class Caller
{
    /// <summary>The person, or the plain answer why nothing can be done for them here.</summary>
    public static (Actor? Person, string? Refusal, int Status, string Code) Of(TurnContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.IsPersonal)
        {
            return (null, ReferralReplies.PersonalChatOnly, 403, "PersonalChatOnly");
        }

        return context.UserAadObjectId is { Length: > 0 } objectId
            ? (new Actor(new PersonId(objectId), context.UserName), null, 200, "")
            : (null, ReferralReplies.WhoAreYou, 401, "Unidentified");
    }

    /// <summary>The refusal as a card action's answer.</summary>
    public static CardActionResult Refused((Actor? Person, string? Refusal, int Status, string Code) caller) =>
        CardActionResult.Error(caller.Refusal!, caller.Status, caller.Code);
}
