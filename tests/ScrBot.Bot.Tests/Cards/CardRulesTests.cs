using System.Text.Json.Nodes;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Referral;
using ScrBot.Bot.Tests.Referral;
using ScrBot.Domain.Referral;

namespace ScrBot.Bot.Tests.Cards;

/// <summary>The rules of design/cards.md, checked on every card the referral journey can send.</summary>
public sealed class CardRulesTests
{
    private static readonly IReadOnlyList<CatalogueCard> Cards = CardCatalogue.All();

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var card in Cards)
        {
            data.Add(card.Name);
        }

        return data;
    }

    /// <summary>The only cards of the journey that carry nothing about a child: every other one may, and says so.</summary>
    private static readonly HashSet<string> CardsWithoutAChildsDetails =
        ["channel-notice", "case-lookup", "case-lookup-error", "draft-discarded", "form-closed", "form-being-sent", "nudge", "channel-reminder",
         "referral-reached", "unreachable",
         "task-arrange-sub-group-meeting", "task-record-routes", "task-done", "task-passed-to-the-vice-chair", "task-choose-agencies",
         "task-secure-records", "task-invitations", "task-chronology", "tasks", "tasks-none",
         "task-find-a-time", "task-find-a-time-slots", "task-find-a-time-nothing-fits", "task-find-a-time-proposed", "task-attendance",
         "task-confidentiality-statement", "task-reconvene-before-the-meeting", "task-attendance-after-a-move", "task-held-as-planned", "task-meeting-held", "task-reconvene-after-the-meeting",
         "task-circulate-minutes", "task-confirm-minutes",
         "task-start-review", "task-terms-of-reference", "task-family-coordinator", "task-endorse-report", "task-plan-publication", "task-report-to-national-panel",
         "task-publish-report", "task-library-copy", "task-national-panel-advice", "task-report-off-website", "task-draw-up-action-plan",
         "task-draw-up-action-plan-longest", "task-action-plan-meeting", "task-action-update-escalated", "task-raise-escalation", "task-review-evidence",
         "task-endorse-action-plan", "task-close-case", "task-decide-not-to-publish",
         "task-chair-decision-decided", "task-tell-national-panel", "task-reconvene-with-chair", "referrer-told",
         "task-agency-report", "task-delay-decision", "task-give-timescales",
         "task-disclosure-officer", "task-disclosure-officer-decided", "task-disclosure-officer-for-an-sio-outside-the-directory",
         "task-recommend-reviewer", "task-recommend-reviewer-again", "task-recommend-reviewer-learning-review", "task-appoint-reviewer-chair",
         "task-appoint-reviewer-director", "task-appoint-reviewer-declined", "task-appoint-reviewer-longest", "task-reviewer-appointed",
         "task-tell-national-panel-reviewers", "task-review-team",

         .. ChecklistCardCatalogue.TaskCards];

    private static JsonObject Card(string name) => Cards.Single(c => c.Name == name).Card;

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryInputHasALabelAndEveryInputTheClientChecksSaysWhatIsWrong(string name)
    {
        foreach (var input in CardCatalogue.Inputs(Card(name)))
        {
            Assert.False(string.IsNullOrWhiteSpace(input["label"]?.GetValue<string>()), $"{input["id"]} has a label");
            var checkedByClient = input["isRequired"]?.GetValue<bool>() == true || input["min"] is not null || input["max"] is not null || input["regex"] is not null;
            if (checkedByClient)
            {
                Assert.False(string.IsNullOrWhiteSpace(input["errorMessage"]?.GetValue<string>()), $"{input["id"]} has an error message");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void NoCardOffersMoreThanFiveActionsAndTheOnlyPrimaryOneComesFirst(string name)
    {
        var card = Card(name);
        Assert.InRange(AdaptiveCard.ActionCount(card), 0, 5);
        foreach (var shown in Actions(card).Where(a => a["type"]?.GetValue<string>() == "Action.ShowCard"))
        {
            Assert.InRange(AdaptiveCard.ActionCount(shown["card"]), 1, 5);
        }

        var positive = Actions(card).Where(a => a["style"]?.GetValue<string>() == "positive").ToList();
        Assert.True(positive.Count <= 1, "at most one primary action");
        if (positive.Count == 1)
        {
            Assert.Same(positive[0], card["actions"]![0]);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void DestructiveActionsAskForConfirmationFirst(string name)
    {
        var card = Card(name);
        foreach (var top in card["actions"]?.AsArray() ?? [])
        {
            Assert.NotEqual("destructive", top!["style"]?.GetValue<string>());
        }

        foreach (var destructive in Actions(card).Where(a => a["style"]?.GetValue<string>() == "destructive"))
        {
            var confirmation = destructive.Parent?.Parent as JsonObject;
            Assert.Equal("AdaptiveCard", confirmation?["type"]?.GetValue<string>());
            Assert.Equal("Action.ShowCard", confirmation?.Parent?["type"]?.GetValue<string>());
            Assert.Contains("cannot be recovered", confirmation!.ToJsonString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryTextWrapsAndNothingHasAFixedPixelWidth(string name)
    {
        var card = Card(name);
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        foreach (var block in Nodes(card).Where(n => n["type"]?.GetValue<string>() == "TextBlock"))
        {
            Assert.True(block["wrap"]?.GetValue<bool>() == true, $"'{block["text"]}' wraps");
        }

        Assert.DoesNotContain("px\"", card.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Nodes(card), n => n.ContainsKey("width") || n.ContainsKey("pixelWidth") || n.ContainsKey("pixelHeight"));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ACardCarryingAChildsDetailsSaysSoAtTheTop(string name)
    {
        var card = Card(name);
        if (CardsWithoutAChildsDetails.Contains(name))
        {
            Assert.DoesNotContain("Jamie", card.ToJsonString(AdaptiveCard.Json), StringComparison.Ordinal);
            return;
        }

        var first = card["body"]![0]!;
        Assert.StartsWith("Confidential —", first["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Small", first["size"]!.GetValue<string>());
    }

    /// <summary>
    /// Text that carries meaning meets WCAG AA contrast (4.5:1) on Teams' light, dark and high-contrast themes: the
    /// default, subtle and attention colours do; Good, Warning, Accent and Light do not on the light theme (Good's green
    /// is about 2:1 on white), so no text is drawn in them.
    /// </summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void NoTextIsDrawnInAColourThatFailsContrast(string name)
    {
        foreach (var node in Descendants(Card(name)))
        {
            var colour = node["color"]?.GetValue<string>();
            Assert.True(colour is null or "Default" or "Attention" or "Dark", $"{node["text"]} is drawn in {colour}");
        }
    }

    private static IEnumerable<JsonObject> Descendants(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Descendants(p.Value))),
        JsonArray a => a.SelectMany(Descendants),
        _ => [],
    };

    [Fact]
    public void TheChannelNoticeCarriesTheReferenceTheDateAndTheVerdictOnly()
    {
        var json = Card("channel-notice").ToJsonString(AdaptiveCard.Json);
        Assert.Contains("SCR-2026-0007", json, StringComparison.Ordinal);
        Assert.Contains("Monday 23 November 2026", json, StringComparison.Ordinal);
        Assert.Contains("SCR criteria met", json, StringComparison.Ordinal);

        var answers = ReferralSamples.Answers();
        foreach (var detail in new[]
                 {
                     "Jamie", "Collins", "JJ", "2016", "14 May", "Example Road", "ST16", "Sam Collins", "Mother", "unresponsive", "neglect",
                     "Alex Wilber", "died", "Confidential",
                 })
        {
            Assert.DoesNotContain(detail, json, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain(answers[FormSection.Incident][FormFields.IncidentDescription], json, StringComparison.Ordinal);
        Assert.Equal(0, AdaptiveCard.ActionCount(Card("channel-notice")));
    }

    [Theory]
    [InlineData("form-1-referrer-empty", "Section 1 of 6 · About you and your agency")]
    [InlineData("form-2-child-filled", "Section 2 of 6 · The child")]
    [InlineData("form-3-incident-errors", "Section 3 of 6 · The incident")]
    [InlineData("form-4-significant-others-filled", "Section 4 of 6 · Significant others")]
    [InlineData("form-5-agencies-filled", "Section 5 of 6 · Agencies and boards involved")]
    [InlineData("form-6-parallel-processes-empty", "Section 6 of 6 · Parallel processes")]
    public void EachSectionOfTheFormSaysWhereTheUserIsAndOffersNextBackAndDiscard(string name, string position)
    {
        var card = Card(name);
        var heading = card["body"]![1]!;
        Assert.Equal("heading", heading["style"]!.GetValue<string>());
        Assert.EndsWith(position, heading["text"]!.GetValue<string>(), StringComparison.Ordinal);

        var titles = card["actions"]!.AsArray().Select(a => a!["title"]!.GetValue<string>()).ToList();
        Assert.Contains(titles[0], new[] { "Next", "Review" });
        Assert.Equal(name.StartsWith("form-1", StringComparison.Ordinal) ? 2 : 3, titles.Count);
        Assert.Contains("Discard draft", titles);
        if (!name.StartsWith("form-1", StringComparison.Ordinal))
        {
            var back = card["actions"]!.AsArray().Single(a => a!["title"]!.GetValue<string>() == "Back")!;
            Assert.Equal(FormSectionFrame.VerbBack, back["verb"]!.GetValue<string>());
            Assert.Equal("none", back["associatedInputs"]!.GetValue<string>());
        }

        foreach (var execute in Actions(card).Where(a => a["type"]!.GetValue<string>() == "Action.Execute"))
        {
            Assert.StartsWith("referral.", execute["verb"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal("draft-", execute["data"]!["draftId"]!.GetValue<string>()[..6]);
        }
    }

    [Theory]
    [InlineData("form-1-referrer-errors")]
    [InlineData("form-2-child-errors")]
    [InlineData("form-3-incident-errors")]
    [InlineData("form-4-significant-others-errors")]
    [InlineData("form-5-agencies-errors")]
    [InlineData("form-6-parallel-processes-errors")]
    public void EveryServerErrorIsShownRightUnderItsInputWithTheAnswerKept(string name)
    {
        var card = Card(name);
        var body = Nodes(card).Where(n => n["items"] is JsonArray || n["body"] is JsonArray)
            .Select(n => (n["items"] ?? n["body"])!.AsArray())
            .ToList();
        var shown = 0;
        foreach (var list in body)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is not JsonObject input || input["type"]?.GetValue<string>()?.StartsWith("Input.", StringComparison.Ordinal) != true)
                {
                    continue;
                }

                var next = i + 1 < list.Count ? list[i + 1] as JsonObject : null;
                if (next?["color"]?.GetValue<string>() != "Attention")
                {
                    continue;
                }

                shown++;
                Assert.Equal(next["text"]!.GetValue<string>(), input["errorMessage"]!.GetValue<string>());
            }
        }

        Assert.True(shown > 0, "the card shows its errors under their inputs");
        var summary = card["body"]!.AsArray().Select(b => b!["text"]?.GetValue<string>()).First(t => t?.Contains("need", StringComparison.Ordinal) == true || t?.Contains("needs", StringComparison.Ordinal) == true);
        Assert.NotNull(summary);
    }

    [Fact]
    public void TheAnswersOnACardWithErrorsAreTheOnesTheUserGave()
    {
        var card = Card("form-3-incident-errors");
        var inputs = CardCatalogue.Inputs(card).ToDictionary(i => i["id"]!.GetValue<string>());
        Assert.Equal("2016-01-10", inputs[FormFields.IncidentDate]["value"]!.GetValue<string>());
        Assert.Equal("2015-12-01", inputs[FormFields.IncidentDateAware]["value"]!.GetValue<string>());
        Assert.Equal("Died", inputs[FormFields.IncidentKind]["value"]!.GetValue<string>());
        Assert.Equal("Two referrals from the school were not shared with health.", inputs[FormFields.IncidentInterAgencyConcernDetails]["value"]!.GetValue<string>());

        var json = card.ToJsonString(AdaptiveCard.Json);
        Assert.Contains("The incident is dated before the child's date of birth.", json, StringComparison.Ordinal);
        Assert.Contains("is earlier than the incident", json, StringComparison.Ordinal);
        Assert.Contains("Description is required.", json, StringComparison.Ordinal);
    }

    [Fact]
    public void DatesAreWrittenAsPeopleSayThemWithHowSoonBesideADeadline()
    {
        var acknowledgement = Card("acknowledgement-death-with-suspected-neglect").ToJsonString(AdaptiveCard.Json);
        Assert.Contains("Monday 2 November 2026", acknowledgement, StringComparison.Ordinal);
        Assert.Contains("Tuesday 10 November 2026 (9 working days overdue)", acknowledgement, StringComparison.Ordinal);
        Assert.DoesNotContain("2026-11-02", acknowledgement, StringComparison.Ordinal);

        var status = Card("case-status").ToJsonString(AdaptiveCard.Json);
        Assert.Matches(@"Due (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} [A-Z][a-z]+ 20\d\d", status);
    }

    [Fact]
    public void TheReviewShowsEveryAnswerAndAWayBackToEachSection()
    {
        var review = Card("review");
        var json = review.ToJsonString(AdaptiveCard.Json);
        foreach (var text in new[]
                 {
                     "Alex Wilber", "Head of Safeguarding", "Staffordshire Children's Social Care", "alexw@board.example", "Jamie Collins", "Jamie Smith, JJ",
                     "Saturday 14 May 2016", "12 Example Road", "White British", "Yes, in the past", "Monday 2 November 2026", "Tuesday 3 November 2026",
                     "Suspected", "Jamie was found unresponsive", "Two referrals from the school", "Sam Collins", "Mother, born Thursday 1 February 1990",
                     "Staffordshire Police", "St Mary's Primary School", "Stoke-on-Trent Safeguarding Children Board", "A criminal investigation",
                     "DI Jo Patel", "A child death review (CDOP)", "The coroner",
                 })
        {
            Assert.Contains(text, json, StringComparison.Ordinal);
        }

        var change = review["actions"]!.AsArray().Single(a => a!["title"]!.GetValue<string>() == "Change an answer")!;
        var sections = CardCatalogue.Inputs(change).Single()["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>());
        Assert.Equal(["1", "2", "3", "4", "5", "6"], sections);
        Assert.Equal("referral.submit", review["actions"]![0]!["verb"]!.GetValue<string>());
    }

    [Fact]
    public void WithinTodaysBudgetTheLongestAnswersFitInFullOnTheReviewAndTheTriageCard()
    {
        var form = CardCatalogue.LongestForm();
        var review = Card("review-longest").ToJsonString(AdaptiveCard.Json);
        Assert.DoesNotContain("open their section to read them in full", review, StringComparison.Ordinal);
        Assert.Contains(JsonEncoded(form.Incident.Description), review, StringComparison.Ordinal);
        var triage = Card("triage-longest").ToJsonString(AdaptiveCard.Json);
        Assert.DoesNotContain(FullTextCard.ShortenedNote, triage, StringComparison.Ordinal);
        Assert.Contains(JsonEncoded(form.Incident.Description), triage, StringComparison.Ordinal);

        var inFull = Cards.Where(c => c.Name.StartsWith("triage-longest-in-full-", StringComparison.Ordinal)).Select(c => c.Card.ToJsonString(AdaptiveCard.Json)).ToList();
        Assert.Contains(inFull, c => c.Contains(JsonEncoded(form.Incident.Description), StringComparison.Ordinal));
        Assert.Contains(inFull, c => c.Contains(JsonEncoded(form.Incident.InterAgencyConcernDetails!), StringComparison.Ordinal));
        Assert.Contains(inFull, c => c.Contains(JsonEncoded(form.ParallelProcesses.Details!), StringComparison.Ordinal));
    }

    private static string JsonEncoded(string text) => JsonValue.Create(text)!.ToJsonString(AdaptiveCard.Json).Trim('"');

    private static IEnumerable<JsonObject> Nodes(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Nodes(p.Value))),
        JsonArray a => a.SelectMany(Nodes),
        _ => [],
    };

    private static IEnumerable<JsonObject> Actions(JsonNode card) =>
        Nodes(card).Where(n => n["type"]?.GetValue<string>()?.StartsWith("Action.", StringComparison.Ordinal) == true);
}
