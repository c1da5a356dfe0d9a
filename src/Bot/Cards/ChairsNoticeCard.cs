using System.Text.Json.Nodes;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Criteria;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Cards;

/// <summary>
/// The message that tells the Independent Chair and the Sub-group Chair of a new referral (obligation D2). It names the
/// case, the incident and the criteria advice; the child's details are one command away for people on the case.
/// </summary>
public static class ChairsNoticeCard
{
    public static JsonObject Build(CaseReferred referral, CriteriaAdvice advice, Role recipientRole, BoardDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(advice);
        ArgumentNullException.ThrowIfNull(directory);
        var board = directory.Find(referral.LeadBoard);
        var manager = directory.WithRole(referral.LeadBoard, Role.BoardManager).FirstOrDefault();
        var form = referral.Form;
        var role = recipientRole == Role.IndependentChair ? "Independent Chair" : "Sub-group Chair";

        return Card(
        [
            ConfidentialLine(),
            Heading($"{referral.Reference} · New referral"),
            Text($"As {role} of {board?.Name ?? referral.LeadBoard.Value}, you are being told of a referral received on {Words.DateAndTime(referral.At)}."),
            Facts(
            [
                ("Reference", referral.Reference.Value),
                ("Referring agency", ReferralDetails.AgencyName(form.Referrer.Agency, form.Referrer.OtherAgencyName, board)),
                ("Incident", $"{Words.Of(form.Incident.Kind)}, {Words.Date(form.Incident.Date)}"),
                ("Board Manager", manager?.Name ?? "not named"),
            ]),
            CriteriaAdvicePart.Build(advice),
            Text($"The Board Manager decides how soon the SCR sub-group meets. Type **case {referral.Reference}** to see the full referral.", subtle: true),
        ]);
    }
}
