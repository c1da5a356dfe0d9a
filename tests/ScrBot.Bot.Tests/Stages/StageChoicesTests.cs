using System.Text.Json.Nodes;
using ScrBot.Bot.Tests.Cards;
using ScrBot.Bot.Tests.Referral;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Tests.Stages;

/// <summary>
/// Every option of every choice set on the stages' task cards is one the domain takes: each is pressed, as the card
/// offers it, through the command its button runs, on the case the card was drawn for.
/// </summary>
public sealed class StageChoicesTests
{
    /// <summary>The choice sets of the stage cards whose every option is pressed here.</summary>
    public static readonly IReadOnlyList<string> Pressed = ["outcome", "agencies", "person0", "person1", "invitedAgencies", "instead", "delegate"];

    private static readonly Actor Manager = ReferralSamples.BoardManager;
    private static readonly Actor Chair = ReferralSamples.IndependentChair;

    [Fact]
    public void EveryOptionOfTheDecisionCardIsTaken()
    {
        var card = Card("task-chair-decision");
        foreach (var option in Options(card, "instead"))
        {
            var story = NotConvened();
            story.Do(Chair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Overrule, "Reasons.", null, Enum.Parse<RecommendationOption>(option)));
        }

        foreach (var option in Options(card, "delegate"))
        {
            var story = NotConvened();
            story.Do(Chair, (s, c) => CaseCommands.DelegateChairsDecision(s, c, new PersonId(option), "Reasons."));
        }

        Assert.Equal(Options(card, "instead"), Options(Card("task-chair-decision-delegated"), "instead"));
    }

    [Fact]
    public void EveryOptionOfTheSubgroupsDecisionIsTaken()
    {
        foreach (var option in Options(Card("task-sub-group-decision"), "outcome").Concat(Options(Card("task-sub-group-decision-vice-chair"), "outcome")))
        {
            var story = Arranged();
            story.Do(ReferralSamples.SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, Enum.Parse<SubgroupOutcome>(option), "Reasons."));
        }
    }

    [Fact]
    public void EveryAgencyOfferedCanBeChosenCheckedAndInvited()
    {
        foreach (var option in Options(Card("task-choose-agencies"), "agencies"))
        {
            var story = Convened();
            story.Do(Manager, (s, c) => CaseCommands.ChooseAgencies(s, c, [new AgencyId(option)]));
        }

        var police = new AgencyId("staffs-police");
        foreach (var option in Options(Card("task-record-check"), "person0").Concat(Options(Card("task-record-check"), "person1")).Distinct())
        {
            var story = Sent();
            story.Do(ReferralSamples.AgencyRepresentative, (s, c) => CaseCommands.ReturnRecordCheck(s, c, police,
                CaseCommands.PeopleToCheck(s).Select(p => new PersonCheck(p, Enum.Parse<RecordCheckResult>(option))).ToList(), []));
        }

        foreach (var option in Options(Card("task-invitations"), "invitedAgencies"))
        {
            var story = Sent();
            story.Do(Manager, (s, c) => CaseCommands.SendInvitations(s, c, [new AgencyId(option)], [], new Invitee("DI Sam Vimes", "sam.vimes@police.example"),
                new Invitee("Diego Siciliani", "diegos@board.example"), "The checks are late."));
        }
    }

    private static StageCardCatalogue.Story Arranged()
    {
        var story = new StageCardCatalogue.Story(ReferralSamples.FilledDraft(), CardCatalogue.Directory);
        story.Do(Manager, CaseCommands.InformChairs);
        story.Do(Manager, (s, c) => CaseCommands.ArrangeSubgroupMeeting(s, c, ReferralSamples.Today.AddDays(7), true));
        return story;
    }

    private static StageCardCatalogue.Story NotConvened()
    {
        var story = Arranged();
        story.Do(ReferralSamples.SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.AnotherLearningReview, "Reasons."));
        return story;
    }

    private static StageCardCatalogue.Story Convened()
    {
        var story = Arranged();
        story.Do(ReferralSamples.SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.ConveneScopingPanel, "Reasons."));
        return story;
    }

    private static StageCardCatalogue.Story Sent()
    {
        var story = Convened();
        story.Do(Manager, (s, c) => CaseCommands.ChooseAgencies(s, c, [new AgencyId("staffs-police"), new AgencyId("staffs-health")]));
        story.Do(Manager, (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, ReferralSamples.Today.AddDays(10)));
        return story;
    }

    private static JsonObject Card(string name) => CardCatalogue.All().Single(c => c.Name == name).Card;

    private static List<string> Options(JsonObject card, string id)
    {
        var set = CardCatalogue.Inputs(card).Single(i => i["id"]!.GetValue<string>() == id);
        var options = set["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()).ToList();
        Assert.NotEmpty(options);
        return options;
    }
}
