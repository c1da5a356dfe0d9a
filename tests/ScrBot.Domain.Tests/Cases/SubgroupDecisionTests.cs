using ScrBot.Domain.Cases;
using static ScrBot.Domain.Tests.Cases.Samples;

namespace ScrBot.Domain.Tests.Cases;

public sealed class SubgroupDecisionTests
{
    [Fact]
    public void ConveningAScopingPanelMovesTheCaseToPreparingThePanel()
    {
        var story = CaseStory.AtSubgroupDecision()
            .Do(SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.ConveneScopingPanel, "Criteria may be met."));

        Assert.Equal(Stage.PreparingScopingPanel, story.State.Stage);
        Assert.Equal(SubgroupOutcome.ConveneScopingPanel, story.State.SubgroupOutcome);
        Assert.Equal("Criteria may be met.", story.State.SubgroupReasons);
    }

    [Fact]
    public void TheViceChairMayRecordTheSubgroupsDecision()
    {
        var story = CaseStory.AtSubgroupDecision()
            .Do(ViceChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.ConveneScopingPanel, "Criteria may be met."));

        Assert.Equal(Stage.PreparingScopingPanel, story.State.Stage);
    }

    [Fact]
    public void NotConveningNeverClosesTheCaseItWaitsForTheIndependentChair()
    {
        var story = CaseStory.AtSubgroupDecision()
            .Do(SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.AnotherLearningReview, "A single-agency review fits better."));

        Assert.Equal(Stage.IndependentChairDecision, story.State.Stage);
        Assert.Null(story.State.ClosedReason);
        Assert.Equal(SubgroupOutcome.AnotherLearningReview, story.State.SubgroupOutcome);
        Assert.DoesNotContain(story.Facts, f => f is CaseClosed);
    }

    [Fact]
    public void NoFurtherActionIsARecommendationToTheIndependentChairWithTheReasons()
    {
        var story = CaseStory.AtSubgroupDecision()
            .Do(SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.NoFurtherAction, "No concerns about working together."));

        Assert.Equal(Stage.IndependentChairDecision, story.State.Stage);
        Assert.Equal("No concerns about working together.", story.State.SubgroupReasons);
        var outcome = story.Try(Manager, (s, c) => CaseCommands.ChooseAgencies(s, c, [Police]));
        Assert.Equal("Agencies cannot be chosen at this stage (the case is at: Independent Chair's decision).", outcome.Explanation);
    }

    [Fact]
    public void AfterTheSubgroupChairDeclaresDirectInvolvementOnlyTheViceChairDecides()
    {
        var story = CaseStory.AtSubgroupDecision()
            .Do(SubgroupChair, (s, c) => CaseCommands.DeclareDirectInvolvement(s, c, "I supervised the child's social worker."));

        var refused = story.Try(SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.ConveneScopingPanel, "Criteria may be met."));
        Assert.Equal("The Sub-group Chair has declared direct involvement with this child, so only the Sub-group Vice-Chair can record the sub-group's decision.", refused.Explanation);

        story.Do(ViceChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.ConveneScopingPanel, "Criteria may be met."));
        Assert.Equal(Stage.PreparingScopingPanel, story.State.Stage);
    }

    [Fact]
    public void TheSubgroupCannotDecideBeforeItsMeetingIsArranged()
    {
        var outcome = CaseStory.Referred()
            .Try(SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.ConveneScopingPanel, "Reasons."));

        Assert.Equal("The sub-group's decision cannot be recorded before the sub-group meeting has been arranged (the case is at: Triage).", outcome.Explanation);
    }

    [Fact]
    public void TheBoardManagerDoesNotRecordTheSubgroupsDecision()
    {
        var outcome = CaseStory.AtSubgroupDecision()
            .Try(Manager, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.ConveneScopingPanel, "Reasons."));

        Assert.Equal("Only the Sub-group Chair or the Sub-group Vice-Chair can record the sub-group's decision.", outcome.Explanation);
    }

    [Fact]
    public void TheSubgroupsDecisionNeedsReasons()
    {
        var outcome = CaseStory.AtSubgroupDecision()
            .Try(SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.NoFurtherAction, " "));

        Assert.Equal("The sub-group's reasons are required.", outcome.Explanation);
    }

    [Fact]
    public void TheSubgroupDecidesOnlyOnce()
    {
        var outcome = CaseStory.PreparingPanel()
            .Try(SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.NoFurtherAction, "Changed our minds."));

        Assert.Equal("The sub-group's decision cannot be recorded at this stage (the case is at: Preparing the Scoping Panel).", outcome.Explanation);
    }
}
