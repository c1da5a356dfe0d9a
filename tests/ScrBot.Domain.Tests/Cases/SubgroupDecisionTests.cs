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
    public void NotConveningAPanelClosesTheCaseForAnotherLearningReview()
    {
        var story = CaseStory.AtSubgroupDecision()
            .Do(SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.AnotherLearningReview, "A single-agency review fits better."));

        Assert.Equal(Stage.Closed, story.State.Stage);
        Assert.Equal("The sub-group decided not to convene a Scoping Panel; another learning review will take place instead.", story.State.ClosedReason);
    }

    [Fact]
    public void NoFurtherActionClosesTheCaseWithTheReason()
    {
        var story = CaseStory.AtSubgroupDecision()
            .Do(SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.NoFurtherAction, "No concerns about working together."));

        Assert.Equal(Stage.Closed, story.State.Stage);
        Assert.Equal("The sub-group decided not to convene a Scoping Panel and that no further action is needed.", story.State.ClosedReason);
    }

    [Fact]
    public void NothingMoreHappensOnAClosedCase()
    {
        var outcome = CaseStory.AtSubgroupDecision()
            .Do(SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.NoFurtherAction, "No concerns."))
            .Try(Manager, (s, c) => CaseCommands.ChooseAgencies(s, c, [Police]));

        Assert.Equal("Agencies cannot be chosen because the case is closed.", outcome.Explanation);
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
