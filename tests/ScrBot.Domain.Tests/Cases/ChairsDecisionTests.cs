using ScrBot.Domain.Cases;
using static ScrBot.Domain.Tests.Cases.Samples;

namespace ScrBot.Domain.Tests.Cases;

public sealed class ChairsDecisionTests
{
    [Fact]
    public void TheIndependentChairUpholdsTheRecommendationWithWrittenReasons()
    {
        var story = CaseStory.Recommended()
            .Do(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Uphold, "The criteria are met."));

        Assert.Equal(Stage.AfterDecision, story.State.Stage);
        Assert.Equal(ChairDecisionKind.Uphold, story.State.Decision!.Decision);
        Assert.Equal(RecommendationOption.FormalSeriousCaseReview, story.State.DecidedOption);
        Assert.Equal("The criteria are met.", story.State.Decision.Reasons);
    }

    [Fact]
    public void UpholdingWithFurtherActionsNeedsAtLeastOneAction()
    {
        var outcome = CaseStory.Recommended()
            .Try(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.UpholdWithFurtherActions, "Agreed.", [" "]));

        Assert.Equal("Upholding with further actions needs at least one further action.", outcome.Explanation);
    }

    [Fact]
    public void UpholdingWithFurtherActionsKeepsThem()
    {
        var story = CaseStory.Recommended()
            .Do(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.UpholdWithFurtherActions, "Agreed.",
                ["Include the school nurse in the review team."]));

        Assert.Equal(["Include the school nurse in the review team."], story.State.Decision!.FurtherActions);
        Assert.Equal(RecommendationOption.FormalSeriousCaseReview, story.State.DecidedOption);
    }

    [Fact]
    public void OverrulingARecommendationRequiresReasons()
    {
        var outcome = CaseStory.Recommended()
            .Try(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Overrule, "", null, RecommendationOption.MultiAgencyLearningReview));

        Assert.True(outcome.IsRefused);
        Assert.Empty(outcome.Facts);
        Assert.Equal("Overruling the Scoping Panel's recommendation requires written reasons.", outcome.Explanation);
    }

    [Fact]
    public void OverrulingARecommendationNeedsADifferentOption()
    {
        var story = CaseStory.Recommended();

        Assert.Equal("Overruling the recommendation needs the option the Independent Chair decides instead.",
            story.Try(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Overrule, "Reasons.")).Explanation);
        Assert.Equal("Overruling must decide a different option from the recommendation (a formal Serious Case Review).",
            story.Try(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Overrule, "Reasons.", null, RecommendationOption.FormalSeriousCaseReview)).Explanation);
    }

    [Fact]
    public void OverrulingRecordsTheOptionTheChairDecided()
    {
        var story = CaseStory.Recommended(RecommendationOption.NoFurtherAction)
            .Do(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Overrule,
                "There is cause for concern about how the agencies worked together.", null, RecommendationOption.FormalSeriousCaseReview));

        Assert.Equal(ChairDecisionKind.Overrule, story.State.Decision!.Decision);
        Assert.Equal(RecommendationOption.FormalSeriousCaseReview, story.State.DecidedOption);
        Assert.Equal(RecommendationOption.NoFurtherAction, story.State.Recommendation!.Option);
    }

    [Fact]
    public void UpholdingDoesNotChangeTheOption()
    {
        var outcome = CaseStory.Recommended()
            .Try(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Uphold, "Agreed.", null, RecommendationOption.NoFurtherAction));

        Assert.Equal("Upholding keeps the recommendation (a formal Serious Case Review); to decide no further action instead, overrule it.", outcome.Explanation);
    }

    [Fact]
    public void EveryDecisionHasWrittenReasons()
    {
        var outcome = CaseStory.Recommended()
            .Try(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Uphold, "  "));

        Assert.Equal("The Independent Chair's written reasons are required.", outcome.Explanation);
    }

    [Fact]
    public void AReferrerCannotRecordTheChairsDecision()
    {
        var outcome = CaseStory.Recommended()
            .Try(Referrer, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Uphold, "Agreed."));

        Assert.True(outcome.IsRefused);
        Assert.Empty(outcome.Facts);
        Assert.Equal("Only the Independent Chair can record the Chair's decision.", outcome.Explanation);
    }

    [Fact]
    public void TheSubgroupChairCannotRecordTheChairsDecision()
    {
        var outcome = CaseStory.Recommended()
            .Try(SubgroupChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Uphold, "Agreed."));

        Assert.Equal("Only the Independent Chair can record the Chair's decision.", outcome.Explanation);
    }

    [Fact]
    public void NoDecisionBeforeARecommendation()
    {
        var outcome = CaseStory.Referred()
            .Try(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Uphold, "Agreed."));

        Assert.Equal("The Chair's decision cannot be recorded before the Scoping Panel has made its recommendation (the case is at: Triage).", outcome.Explanation);
    }

    [Fact]
    public void TheChairDecidesOnce()
    {
        var outcome = CaseStory.Decided()
            .Try(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Overrule, "Changed my mind.", null, RecommendationOption.NoFurtherAction));

        Assert.Equal("The Independent Chair's decision was already made: Upheld by Indira Chair, Independent Chair, Monday 30 March 2026 10:00 (a formal Serious Case Review). Nothing was changed.", outcome.Explanation);
    }
}
