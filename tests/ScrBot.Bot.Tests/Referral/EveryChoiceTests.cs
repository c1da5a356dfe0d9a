using System.Text.Json.Nodes;
using ScrBot.Bot.Referral;
using ScrBot.Bot.Tests.Cards;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Domain.Referral;
using static ScrBot.Bot.Tests.Referral.JourneyHarness;

namespace ScrBot.Bot.Tests.Referral;

/// <summary>
/// Every option a card offers is one the server takes: each option of each choice set on each card of the referral
/// journey is pressed through the journey, as the card sends it, on real Azure Tables (Azurite).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class EveryChoiceTests(AzuriteFixture azurite)
{
    /// <summary>Answers an option needs beside it, so that the section as a whole can be accepted.</summary>
    private static readonly Dictionary<(string Input, string Option), Dictionary<string, string>> Companions = new()
    {
        [(FormFields.ChildLookedAfter, "yes")] = new() { [FormFields.ChildResponsibleAuthority] = "Stoke-on-Trent City Council" },
        [(FormFields.Board, "stoke-on-trent")] = new() { [FormFields.ReferrerAgency] = "stoke-csc" },
        [(FormFields.ReferrerAgency, FormFields.OtherAgencyChoice)] = new() { [FormFields.ReferrerOtherAgency] = "St Mary's Primary School" },
    };

    [Fact]
    public async Task EveryOptionOfEveryChoiceSetOnEveryFormSectionIsAcceptedAndTakesTheReferrerOn()
    {
        var harness = new JourneyHarness(azurite);
        var tried = 0;
        foreach (var section in FormSections.All)
        {
            var card = CardCatalogue.All().Single(c => c.Name.StartsWith($"form-{(int)section}-", StringComparison.Ordinal) && c.Name.EndsWith("-filled", StringComparison.Ordinal)).Card;
            foreach (var choiceSet in ChoiceSets(card))
            {
                var id = choiceSet["id"]!.GetValue<string>();
                foreach (var option in choiceSet["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()))
                {
                    var user = NewReferrer();
                    await harness.Journey.StartAsync(user, CancellationToken.None);
                    var answers = ReferralSamples.Answers();
                    if (section > FormSection.Referrer)
                    {
                        await harness.FillAsync(user, section - 1, answers);
                    }

                    var given = new Dictionary<string, string>(answers[section]) { [id] = option };
                    foreach (var (key, value) in Companions.GetValueOrDefault((id, option)) ?? [])
                    {
                        given[key] = value;
                    }

                    var verb = section == FormSection.ParallelProcesses ? "referral.review" : "referral.next";
                    var result = await harness.PressAsync(user, verb, section, given);

                    var expected = section == FormSection.ParallelProcesses
                        ? "New referral · Check your answers"
                        : $"Section {(int)section + 1} of 6";
                    Assert.True(
                        Heading(result.Card).Contains(expected, StringComparison.Ordinal),
                        $"'{option}' of '{id}' in section {(int)section} was not accepted: {ErrorsOf(result.Card)}");
                    Assert.Equal(option, (await harness.DraftOf(user)).Answer(id));
                    tried++;
                }
            }
        }

        Assert.True(tried >= 30, $"every option tried ({tried})");
    }

    [Fact]
    public async Task EverySectionOfferedByTheReviewCardOpens()
    {
        var harness = new JourneyHarness(azurite);
        var user = NewReferrer();
        await harness.Journey.StartAsync(user, CancellationToken.None);
        var review = await harness.FillAsync(user, FormSection.ParallelProcesses);
        review = await harness.PressAsync(user, "referral.review", FormSection.ParallelProcesses, ReferralSamples.Answers()[FormSection.ParallelProcesses]);
        var goTo = ChoiceSets(review.Card).Single(c => c["id"]!.GetValue<string>() == InputIds.GoToSection);

        foreach (var option in goTo["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()))
        {
            var opened = await harness.PressAsync(user, "referral.back", FormSection.ParallelProcesses, new Dictionary<string, string> { [InputIds.GoToSection] = option });
            Assert.Contains($"Section {option} of 6", Heading(opened.Card), StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Every choice set any card of the journey offers is one whose every option a test presses: the form's (above),
    /// the review's section to change (above) and the triage card's board to hand a case to (CooperatingBoardTests,
    /// through /api/messages), and the stage 3–4 cards' (EveryStageChoiceTests, through /api/messages: the sub-group's
    /// decision, the agencies to involve, each person's row of a records check, the agencies to invite). A new card's
    /// choice set fails here until a test presses its options.
    /// </summary>
    [Fact]
    public void EveryChoiceSetOnEveryCardIsOneWhoseOptionsATestPresses()
    {
        var pressed = new HashSet<string>(StringComparer.Ordinal)
        {
            InputIds.GoToSection, ScrBot.Bot.Cards.TriageCard.HandOverBoardInput,

            // Stages 3–4: every option, read from the delivered card, pressed through /api/messages in EveryStageChoiceTests.
            ScrBot.Bot.Stages.SubGroup.SubgroupDecisionCard.OutcomeInput,
            ScrBot.Bot.Stages.Preparing.ChooseAgenciesCard.AgenciesInput,
            ScrBot.Bot.Stages.Preparing.InvitationsCard.AgenciesInput,

            // The Senior Investigating Officers the directory names: every option, read from the delivered invitations card,
            // pressed in SioAndDiscrepancyAlertTests.
            ScrBot.Bot.Stages.Preparing.InvitationsCard.SioInput,

            // The Scoping Panel's cards: every option pressed in ScopingPanelInThePlaygroundTests.
            ScrBot.Bot.Stages.Panel.MeetingHeldCard.AttendedInput, ScrBot.Bot.Stages.Panel.MeetingHeldCard.WithoutInformationInput,
            ScrBot.Bot.Stages.Panel.RecommendationCard.OptionInput, ScrBot.Bot.Stages.Panel.RecommendationCard.MethodologyInput,
        };

        // Stages 8–10: every option pressed in the Agents Playground by ReviewChoicesInThePlaygroundTests.
        pressed.UnionWith(
        [
            ScrBot.Bot.Stages.Review.ReviewCards.RecordInput, ScrBot.Bot.Stages.Review.ReviewCards.ImmediateInput, ScrBot.Bot.Stages.Review.ReviewCards.KindInput,
            ScrBot.Bot.Stages.Review.ReviewCards.RequestedByInput, ScrBot.Bot.Stages.Review.ReviewCards.AgencyInput, ScrBot.Bot.Stages.Review.ReviewCards.GrantedInput,
            ScrBot.Bot.Stages.Review.ReviewCards.AgreedInput, ScrBot.Bot.Stages.Review.ReviewCards.NotAgreedByInput,
            ScrBot.Bot.Stages.ActionPlan.ActionPlanCards.AgencyInput,
        ]);

        // Commissioning the reviewer: every option, read from the delivered card, pressed through /api/messages in ReviewerStageTests.
        pressed.UnionWith(
        [
            ScrBot.Bot.Stages.Reviewer.ReviewerCards.LeadInput, ScrBot.Bot.Stages.Reviewer.ReviewerCards.SecondInput, ScrBot.Bot.Stages.Reviewer.ReviewerCards.SourceInput,
        ]);

        // Stages 3–4 and 6–7: every option pressed through its command by StageChoicesTests.
        pressed.UnionWith(ScrBot.Bot.Tests.Stages.StageChoicesTests.Pressed);

        // A records check has one row per person named (person0, person1, …); every row the delivered card offers is pressed
        // in EveryStageChoiceTests.
        bool IsPressed(string id) => pressed.Contains(id)
            || (id.StartsWith(ScrBot.Bot.Stages.Preparing.RecordCheckCard.PersonPrefix, StringComparison.Ordinal)
                && int.TryParse(id.AsSpan(ScrBot.Bot.Stages.Preparing.RecordCheckCard.PersonPrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _));

        foreach (var section in FormSections.All)
        {
            var card = CardCatalogue.All().Single(c => c.Name.StartsWith($"form-{(int)section}-", StringComparison.Ordinal) && c.Name.EndsWith("-filled", StringComparison.Ordinal)).Card;
            pressed.UnionWith(ChoiceSets(card).Select(c => c["id"]!.GetValue<string>()));
        }

        var offered = CardCatalogue.All().SelectMany(c => ChoiceSets(c.Card).Select(s => (c.Name, Id: s["id"]!.GetValue<string>()))).ToList();

        Assert.NotEmpty(offered);
        Assert.All(offered, o => Assert.True(IsPressed(o.Id), $"{o.Name}: the options of '{o.Id}' are pressed by no test"));
    }

    private static IEnumerable<JsonObject> ChoiceSets(JsonObject card) =>
        CardCatalogue.Inputs(card).Where(i => i["type"]!.GetValue<string>() == "Input.ChoiceSet");

    private static string ErrorsOf(JsonObject card) =>
        string.Join(" | ", Descendants(card).Where(o => o["color"]?.GetValue<string>() == "Attention").Select(o => o["text"]?.GetValue<string>()));

    private static IEnumerable<JsonObject> Descendants(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Descendants(p.Value))),
        JsonArray a => a.SelectMany(Descendants),
        _ => [],
    };
}
