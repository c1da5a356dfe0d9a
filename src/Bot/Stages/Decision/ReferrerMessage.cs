using ScrBot.Bot.Conversations;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Stages.Decision;

/// <summary>What the referrer is told of the outcome, in plain words (the acknowledgement of the referral promises it).</summary>
public static class ReferrerMessage
{
    public static string Words(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var decision = view.State.Decision!;
        var what = decision.DecidedOption switch
        {
            RecommendationOption.FormalSeriousCaseReview => "a Serious Case Review will be held",
            RecommendationOption.MultiAgencyLearningReview => "no Serious Case Review will be held; the agencies will learn from it together in a multi-agency learning review",
            RecommendationOption.SingleAgencyLearningReview => "no Serious Case Review will be held; a single agency will review its own part in a learning review",
            RecommendationOption.OtherAuditActivity => "no Serious Case Review will be held; the board will look at the practice through other audit work",
            RecommendationOption.ManagedThroughChildDeathOverviewPanel => "no Serious Case Review will be held; the case will be looked at by the Child Death Overview Panel",
            _ => "no Serious Case Review will be held and no further action is needed",
        };
        return $"Thank you for your referral {view.Reference}. The board's Independent Chair has decided that {what}. " +
               $"The decision was made on {Cards.Words.DateAndTime(decision.At)}. The Board Manager can tell you more.";
    }
}
