using System.Text.Json.Nodes;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Referral;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Cards;

/// <summary>
/// A cooperating board's Board Manager is told of a case another board leads ("Any other LSCBs that have an interest
/// or involvement in the case should co-operate as partners"): the reference, who leads and why — the case itself is
/// opened with <c>case</c>.
/// </summary>
public static class CooperatingBoardCard
{
    public static JsonObject Build(CaseReference reference, string leadBoard, string cooperatingBoard, NotificationForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var why = form.Child.LookedAfter && form.Child.ResponsibleAuthorityBoard is not null
            ? "the board of the local authority responsible for the child, who is looked after"
            : form.Child.HomeBoard is not null ? "the board of the child's home area" : "the board the referral was made to";
        return Card(
        [
            Heading($"{reference} · A case your board cooperates on"),
            Text($"{leadBoard} leads this case, as {why}. {cooperatingBoard} cooperates as a partner in planning and supporting any review."),
            Text($"You hold a role on the case as the cooperating board's Board Manager. Type **case {reference}** to see it."),
        ]);
    }
}
