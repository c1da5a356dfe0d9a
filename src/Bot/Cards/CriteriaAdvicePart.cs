using System.Text.Json.Nodes;
using ScrBot.Domain.Criteria;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Cards;

/// <summary>The software's reading of the criteria, with its reasons, always marked as advice.</summary>
public static class CriteriaAdvicePart
{
    public static JsonObject Build(CriteriaAdvice advice, string heading = "Our reading of the criteria")
    {
        ArgumentNullException.ThrowIfNull(advice);
        return Container(
        [
            Subheading(heading),
            Text(Words.Of(advice.SeriousCaseReview), strong: true),
            Bullets(advice.SeriousCaseReviewReasons),
            Text(Words.Notifiable(advice.NotifiableIncident), strong: true),
            Bullets(advice.NotifiableIncidentReasons),
            Text(Words.AdviceOnly, subtle: true),
        ], style: "emphasis");
    }
}
