using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Stages.Review;

/// <summary>A review in its own words: "the Serious Case Review", or "the multi-agency learning review".</summary>
public static class ReviewWords
{
    public static string Of(CaseState state) =>
        state?.DecidedOption == RecommendationOption.MultiAgencyLearningReview ? "the multi-agency learning review" : "the Serious Case Review";

    public static string Of(EngagementKind kind) => kind switch
    {
        EngagementKind.FamilyContract => "Family contract agreed",
        EngagementKind.FamilyUpdate => "Update given to the family",
        EngagementKind.FamilyInterview => "Family member interviewed",
        EngagementKind.ReportSharedWithFamily => "Final report shared with the family",
        EngagementKind.PractitionerLearningEvent => "Practitioner learning event",
        EngagementKind.KeyWitnessInterview => "Key witness interviewed one-to-one",
        _ => kind.ToString(),
    };

    public static string Of(DelayNotAgreedBy who) => who switch
    {
        DelayNotAgreedBy.SeniorInvestigatingOfficer => "the Senior Investigating Officer",
        DelayNotAgreedBy.CrownProsecutionService => "the Crown Prosecution Service",
        _ => "the Senior Investigating Officer and the Crown Prosecution Service",
    };

    public static string Capitalised(string words) => words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
}
