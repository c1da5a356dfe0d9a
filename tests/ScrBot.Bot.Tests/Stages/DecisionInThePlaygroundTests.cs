using System.Text.Json.Nodes;
using ScrBot.Bot.Tests.EndToEnd;
using ScrBot.Bot.Tests.Referral;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Tests.Stages;

/// <summary>
/// Stages 6–7 end to end in the Agents Playground: a case reaches Adele Vance (Independent Chair) through the
/// sub-group's recommendation not to convene a Scoping Panel; she upholds it (a second case she overrules, and the
/// Board Manager arranges the sub-group's meeting with her; a third she delegates to a named member, who decides); every
/// copy of the card — hers, the Sub-group Chair's, the hub — says what was decided, by whom and when, with no buttons;
/// the referrer (Alex Wilber) is told in plain words; the board's members, the Director and the National Panel (D7).
/// </summary>
public sealed partial class StagesInThePlaygroundTests
{
    private const string DecideStep = "Decide on the recommendation";

    [Fact]
    public async Task TheIndependentChairUpholdsEveryCopySaysSoAndTheReferrerTheBoardAndTheNationalPanelAreTold()
    {
        var (megan, isaiah, _, _) = await PeopleReadyAsync();
        var adele = await playground.AsAsync("Adele Vance");
        var alex = await ReadyAsync("Alex Wilber");
        var reference = await RecommendedNotToConveneAsync(megan, isaiah, "AnotherLearningReview");

        // The Chair's card: the recommendation and its reasons, no minutes (no panel was held), D6 with its due date.
        var card = await TaskCardAsync(adele, reference, DecideStep);
        Assert.Contains("The sub-group recommends not convening a Scoping Panel: not to convene: another learning review", card.CardText, StringComparison.Ordinal);
        Assert.Contains("Practice issues for one agency only.", card.CardText, StringComparison.Ordinal);
        Assert.Contains("No Scoping Panel was held, so there are no minutes", card.CardText, StringComparison.Ordinal);
        Assert.Contains(Domain.Calendar.HumanDates.Format(Today().AddMonths(1)), card.CardText, StringComparison.Ordinal);
        Assert.Equal(["Uphold", "Uphold with further actions", "Overrule…", "Delegate"], card.Buttons.Select(b => b.Title));

        // The Sub-group Chair has a copy, without buttons.
        var copy = await isaiah.WaitForCardInPersonalChatAsync(m => JourneyHarness.Heading(m.Card!) == $"{reference} · {DecideStep}");
        Assert.Empty(copy.Buttons);

        // Reasons are required.
        var noReasons = await adele.ExecuteAsync(card, "decision.uphold", new JsonObject { ["case"] = reference, ["step"] = "chair-decision", ["reasons"] = "" });
        Assert.Equal("The Independent Chair's written reasons are required.", noReasons.Message);

        var upheld = await adele.PressAsync(card, "Uphold", new JsonObject { ["reasons"] = "The sub-group's reasons are sound." });
        Assert.StartsWith("Upheld by Adele Vance, Independent Chair, ", Text(upheld!.Card!).Split('\n')[1], StringComparison.Ordinal);
        Assert.Empty(upheld.Card!["actions"]?.AsArray() ?? []);

        // Every copy: the Chair's, the Sub-group Chair's, the hub.
        var words = $"Upheld by Adele Vance, Independent Chair, ";
        var isaiahs = await isaiah.WaitForCardInPersonalChatAsync(m => m.MessageId == copy.MessageId && m.CardText.Contains(words, StringComparison.Ordinal));
        Assert.Empty(isaiahs.Buttons);
        var adeles = await adele.WaitForCardInPersonalChatAsync(m => m.MessageId == card.MessageId && m.CardText.Contains(words, StringComparison.Ordinal));
        Assert.Empty(adeles.Buttons);
        await HubShowsAsync(megan, reference, words);

        // A second press on the stale card: what was decided, by whom and when.
        var again = await adele.ExecuteAsync(card, "decision.overrule", new JsonObject { ["case"] = reference, ["step"] = "chair-decision", ["reasons"] = "Changed.", ["instead"] = "FormalSeriousCaseReview" });
        Assert.StartsWith("Already decided: Upheld by Adele Vance, Independent Chair, ", again.Message, StringComparison.Ordinal);
        Assert.EndsWith(": a multi-agency learning review. Nothing was changed.", again.Message, StringComparison.Ordinal);

        // The referrer is told in plain words.
        var tell = await TaskCardAsync(megan, reference, "Tell the referrer the outcome");
        await megan.PressAsync(tell, "Send to the referrer");
        var told = await alex.WaitForCardInPersonalChatAsync(m => m.CardText.Contains($"Thank you for your referral {reference}.", StringComparison.Ordinal));
        Assert.Contains("no Serious Case Review will be held; the agencies will learn from it together in a multi-agency learning review", told.CardText, StringComparison.Ordinal);
        Assert.DoesNotContain("The sub-group's reasons are sound.", told.CardText, StringComparison.Ordinal);

        // The board's members and the Director; the National Panel within 14 days (D7: the child died, abuse suspected).
        var board = await TaskCardAsync(megan, reference, "Tell the board's members and the Director of Children's Services");
        await megan.PressAsync(board, "Told the board's members and the Director");
        var panel = await TaskCardAsync(adele, reference, "Tell the National Panel of the decision not to hold an SCR");
        Assert.Contains(Domain.Calendar.HumanDates.Format(Today().AddDays(14)), panel.CardText, StringComparison.Ordinal);
        Assert.DoesNotContain("Jamie", panel.CardText, StringComparison.Ordinal);
        Assert.DoesNotContain("Collins", panel.CardText, StringComparison.Ordinal);
        await adele.PressAsync(panel, "Sent to the National Panel");
        await HubShowsAsync(megan, reference, "Tell the National Panel of the decision not to hold an SCR: done by Adele Vance");

        var stored = (await Cases().LoadAsync(ReferralSamples.Staffordshire, Domain.Cases.CaseReference.Parse(reference)))!;
        Assert.Single(stored.Facts.OfType<ChairDecided>());
        Assert.Equal(
            [NotificationRecipient.Referrer, NotificationRecipient.BoardPartners, NotificationRecipient.DirectorOfChildrensServices, NotificationRecipient.NationalPanel],
            stored.State.Notifications.Select(n => n.Recipient));
        Assert.Contains(stored.Facts, f => f is AttemptRefused { Attempt: "record the Chair's decision" } r && r.By.Name == "Adele Vance");
        Assert.DoesNotContain(stored.Facts, f => f is CaseClosed);
    }

    [Fact]
    public async Task AnOverruleIsConfirmedFirstAndTheBoardManagerArrangesTheSubgroupsMeetingWithTheChair()
    {
        var (megan, isaiah, _, _) = await PeopleReadyAsync();
        var adele = await playground.AsAsync("Adele Vance");
        var reference = await RecommendedNotToConveneAsync(megan, isaiah, "NoFurtherAction");

        var card = await TaskCardAsync(adele, reference, DecideStep);
        var overrule = card.Card!["actions"]!.AsArray().Single(a => a!["title"]!.GetValue<string>() == "Overrule…")!;
        Assert.Equal("Action.ShowCard", overrule["type"]!.GetValue<string>());
        Assert.Contains("Overrule the recommendation?", overrule["card"]!.ToJsonString(), StringComparison.Ordinal);

        var noOption = await adele.ExecuteAsync(card, "decision.overrule", new JsonObject { ["case"] = reference, ["step"] = "chair-decision", ["reasons"] = "The criteria are met." });
        Assert.Equal("Overruling the recommendation needs the option the Independent Chair decides instead.", noOption.Message);
        var overruled = await adele.ExecuteAsync(card, "decision.overrule", new JsonObject
        {
            ["case"] = reference, ["step"] = "chair-decision", ["reasons"] = "The child died and agencies did not share referrals.", ["instead"] = "FormalSeriousCaseReview",
        });
        Assert.Contains("Overruled by Adele Vance, Independent Chair, ", Text(overruled.Card!), StringComparison.Ordinal);
        await isaiah.WaitForCardInPersonalChatAsync(m => JourneyHarness.Heading(m.Card!) == $"{reference} · {DecideStep}" && m.CardText.Contains("Overruled by Adele Vance", StringComparison.Ordinal));

        // The flow chart: the sub-group reconvenes to meet and discuss it with the Chair; nothing closes.
        var reconvene = await TaskCardAsync(megan, reference, "Arrange the sub-group's meeting with the Independent Chair");
        Assert.Contains("The child died and agencies did not share referrals.", reconvene.CardText, StringComparison.Ordinal);
        await megan.PressAsync(reconvene, "Arrange the meeting", new JsonObject { ["meetingDate"] = Iso(Today().AddDays(6)) });
        await HubShowsAsync(megan, reference, "Arrange the sub-group's meeting with the Independent Chair: done by Megan Bowen");

        var stored = (await Cases().LoadAsync(ReferralSamples.Staffordshire, Domain.Cases.CaseReference.Parse(reference)))!;
        Assert.Equal(RecommendationOption.FormalSeriousCaseReview, stored.State.DecidedOption);
        Assert.Equal(Today().AddDays(6), stored.State.ReconvenedWithChairOn);
        Assert.DoesNotContain(stored.Facts, f => f is CaseClosed);
        Assert.NotEqual(Stage.Closed, stored.State.Stage);
    }

    [Fact]
    public async Task TheChairDelegatesToANamedMemberWhoDecidesInstead()
    {
        var (megan, isaiah, patti, _) = await PeopleReadyAsync();
        var adele = await playground.AsAsync("Adele Vance");
        var reference = await RecommendedNotToConveneAsync(megan, isaiah, "AnotherLearningReview");

        var card = await TaskCardAsync(adele, reference, DecideStep);
        var delegated = await adele.PressAsync(card, "Delegate", new JsonObject { ["reasons"] = "I know the family.", ["delegate"] = ReferralSamples.AgencyRepresentative.Id.Value });
        Assert.Contains("This step is now with Patti Fernandez", Text(delegated!.Card!), StringComparison.Ordinal);

        // The Chair's stale card: she delegated, so the delegate decides.
        var stale = await adele.ExecuteAsync(card, "decision.uphold", new JsonObject { ["case"] = reference, ["step"] = "chair-decision", ["reasons"] = "Agreed." });
        Assert.Equal("The decision was delegated to Patti Fernandez, who decides instead. Nothing was changed.", stale.Message);

        var hers = await TaskCardAsync(patti, reference, DecideStep);
        Assert.Contains("To Patti Fernandez on ", hers.CardText, StringComparison.Ordinal);
        var decided = await patti.PressAsync(hers, "Uphold with further actions", new JsonObject
        {
            ["reasons"] = "A learning review fits.", ["furtherActions"] = "Health reviews its own practice.\nShare the learning with schools.",
        });
        Assert.Contains("Upheld with further actions by Patti Fernandez, for the Independent Chair, ", Text(decided!.Card!), StringComparison.Ordinal);
        await isaiah.WaitForCardInPersonalChatAsync(m => JourneyHarness.Heading(m.Card!) == $"{reference} · {DecideStep}" && m.CardText.Contains("by Patti Fernandez, for the Independent Chair", StringComparison.Ordinal));
        await HubShowsAsync(megan, reference, "Upheld with further actions by Patti Fernandez, for the Independent Chair");

        var stored = (await Cases().LoadAsync(ReferralSamples.Staffordshire, Domain.Cases.CaseReference.Parse(reference)))!;
        Assert.Equal("Patti Fernandez", stored.Facts.OfType<ChairsDecisionDelegated>().Single().Delegate.Name);
        Assert.Equal(["Health reviews its own practice.", "Share the learning with schools."], stored.State.Decision!.FurtherActions);
    }

    /// <summary>A case brought to the Independent Chair by the sub-group's recommendation not to convene a Scoping Panel.</summary>
    private async Task<string> RecommendedNotToConveneAsync(PlaygroundSession megan, PlaygroundSession isaiah, string outcome)
    {
        var reference = await ReferredAndTriagedAsync();
        var arrange = await TaskCardAsync(megan, reference, "Arrange the sub-group meeting");
        await megan.PressAsync(arrange, "Arrange the meeting", new JsonObject { ["meetingDate"] = Iso(Today().AddDays(3)), ["extraordinary"] = "false" });
        var decide = await TaskCardAsync(isaiah, reference, "Decide whether to convene a Scoping Panel");
        await isaiah.PressAsync(decide, "Record the decision", new JsonObject { ["outcome"] = outcome, ["reasons"] = "Practice issues for one agency only." });
        return reference;
    }
}
