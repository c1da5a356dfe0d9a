using System.Text.Json.Serialization;

namespace ScrBot.Domain.Criteria;

[JsonConverter(typeof(JsonStringEnumConverter<CriteriaVerdict>))]
public enum CriteriaVerdict
{
    Met,
    NotMet,
    Unclear,
}

/// <summary>
/// The software's reading of a referral against the SCR criteria (Regulation 5(2)) and the notifiable-incident
/// test, each with its reasons in words. Advice only: the decision stays with the sub-group and the Independent Chair.
/// </summary>
public sealed record CriteriaAdvice(
    CriteriaVerdict SeriousCaseReview,
    IReadOnlyList<string> SeriousCaseReviewReasons,
    bool NotifiableIncident,
    IReadOnlyList<string> NotifiableIncidentReasons);
