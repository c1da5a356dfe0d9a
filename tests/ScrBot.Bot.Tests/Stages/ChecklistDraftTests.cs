using ScrBot.Bot.Conversations;
using ScrBot.Bot.Referral;
using ScrBot.Bot.Stages.Decision;
using ScrBot.Bot.Tests.Cards;
using ScrBot.Bot.Tests.Referral;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Referral;

namespace ScrBot.Bot.Tests.Stages;

/// <summary>
/// What ScrBot drafts for the checklist: the National Panel's notice carries what the Panel asks for (the case, the
/// Chair's decision, the reviewer's name once appointed) and never the child's or a significant other's name, other
/// names, address or date of birth, whatever they are; nor do the letter to the Coroner, the media arrangement or any of
/// the checklist's task cards.
/// </summary>
public sealed class ChecklistDraftTests
{
    private static readonly Actor Manager = ReferralSamples.BoardManager;
    private static readonly Actor Director = new(new PersonId("5c0b5a7e-0000-4000-8000-000000000030"), "Karen Berg");

    [Fact]
    public void TheNationalPanelsNoticeGivesTheCaseTheDecisionAndTheReviewerAndNoIdentifyingDetail()
    {
        var story = ChecklistCardCatalogue.Decided();
        var before = ChecklistDrafts.NationalPanel(story.View());
        story.Do(ReferralSamples.SubgroupChair, (s, c) => CaseCommands.RecommendReviewer(s, c, ReviewerNomination.Named("Rowan Reviewer"), ReviewerNomination.Named("Dr Ann Other"),
            ReviewerSource.NationalPanelList, null, ReviewCardCatalogue.Checked));
        story.Do(ReferralSamples.IndependentChair, (s, c) => CaseCommands.AnswerReviewerAppointment(s, c, Role.IndependentChair, true, null));
        story.Do(Director, (s, c) => CaseCommands.AnswerReviewerAppointment(s, c, Role.DirectorOfChildrensServices, true, null));
        var after = ChecklistDrafts.NationalPanel(story.View());

        Assert.Contains("Staffordshire Safeguarding Children Board, case SCR-2026-0007", before, StringComparison.Ordinal);
        Assert.Contains("a child died in November 2026; abuse or neglect suspected", before, StringComparison.Ordinal);
        Assert.Contains("The child was 10 years old.", before, StringComparison.Ordinal);
        Assert.Contains("Significant others: mother.", before, StringComparison.Ordinal);
        Assert.Contains("A criminal investigation is running.", before, StringComparison.Ordinal);
        Assert.Contains("the Independent Chair upheld the recommendation to hold a Serious Case Review, by Significant Incident Learning Process (SILP)", before, StringComparison.Ordinal);
        Assert.Contains("The independent reviewer has not yet been appointed", before, StringComparison.Ordinal);
        Assert.Contains("The appointed independent reviewers: Rowan Reviewer, Dr Ann Other.", after, StringComparison.Ordinal);
        NamesNothingIdentifying(before, ReferralSamples.Answers());
        NamesNothingIdentifying(after, ReferralSamples.Answers());
    }

    public static TheoryData<string, string, string, string, string> People() => new()
    {
        { "Jamie Collins", "Jamie Smith\nJJ", "2016-05-14", "12 Example Road, Stafford ST16 0AA", "Sam Collins" },
        { "Zoë O'Brien-Nguyen", "Zoe Brien", "2019-02-28", "Flat 3, 7 Mill Lane, Stoke-on-Trent ST4 2AB", "Kieran Walsh" },
        { "Ali Khan", "Aly", "2011-12-01", "Rose Cottage, Leek ST13 5XY", "Maria Khan" },
    };

    [Theory]
    [MemberData(nameof(People))]
    public void NoDraftAndNoCardOfTheChecklistNamesTheChildOrTheFamily(string child, string otherNames, string born, string address, string other)
    {
        var answers = ReferralSamples.Answers();
        answers[FormSection.Child][FormFields.ChildName] = child;
        answers[FormSection.Child][FormFields.ChildOtherNames] = otherNames;
        answers[FormSection.Child][FormFields.ChildDateOfBirth] = born;
        answers[FormSection.Child][FormFields.ChildAddress] = address;
        answers[FormSection.SignificantOthers][InputIds.SignificantOther(0, FormFields.SignificantOtherName)] = other;
        answers[FormSection.SignificantOthers][InputIds.SignificantOther(1, FormFields.SignificantOtherName)] = "Lee Parton-Smith";
        answers[FormSection.SignificantOthers][InputIds.SignificantOther(1, FormFields.SignificantOtherRelationship)] = "Mother's partner";
        answers[FormSection.SignificantOthers][InputIds.SignificantOther(1, FormFields.SignificantOtherDateOfBirth)] = "1987-07-09";
        var draft = FormDraft.Start(ReferralSamples.Referrer.Id, "draft-1", ReferralSamples.Now.AddMinutes(-20)) with { SignificantOtherRows = 2 };
        foreach (var (section, sent) in answers.OrderBy(a => a.Key))
        {
            draft = draft.WithSection(section, sent);
        }

        var story = ChecklistCardCatalogue.Decided(draft with { SectionsPassed = FormSections.Count, Section = FormSection.ParallelProcesses });
        var view = story.View();
        Assert.Equal(child, view.State.Form!.Child.Name);
        Assert.Equal(2, view.State.Form.SignificantOthers.Count);

        // The check finds the child where a card does name them: the hub card, confidential, for the Board Manager.
        var hub = HubCard.Build(view, story.Steps(), [], [new ChecklistHub()]).ToJsonString(ScrBot.Bot.Cards.AdaptiveCard.Json);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => NamesNothingIdentifying(hub, answers));

        NamesNothingIdentifying(ChecklistDrafts.NationalPanel(view), answers);
        NamesNothingIdentifying(ChecklistDrafts.MediaArrangement(view), answers);
        NamesNothingIdentifying(ChecklistDrafts.CoronerLetter(view, ReferralSamples.SubgroupChair), answers);
        foreach (var step in story.Steps().Where(s => s.Key.StartsWith(ChecklistSteps.Prefix, StringComparison.Ordinal)))
        {
            var owner = step.Owners[0];
            NamesNothingIdentifying(step.TaskCard(new StepView(view, step, owner)).ToJsonString(ScrBot.Bot.Cards.AdaptiveCard.Json), answers);
        }
    }

    /// <summary>No name, other name, address or date of birth (in any of the ways dates are written) of the child or a significant other.</summary>
    private static void NamesNothingIdentifying(string text, Dictionary<FormSection, Dictionary<string, string>> answers)
    {
        var child = answers[FormSection.Child];
        var names = new List<string> { child[FormFields.ChildName] };
        names.AddRange(child[FormFields.ChildOtherNames].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var births = new List<string> { child[FormFields.ChildDateOfBirth] };
        foreach (var (id, value) in answers[FormSection.SignificantOthers])
        {
            if (id.EndsWith(FormFields.SignificantOtherName, StringComparison.Ordinal))
            {
                names.Add(value);
            }
            else if (id.EndsWith(FormFields.SignificantOtherDateOfBirth, StringComparison.Ordinal))
            {
                births.Add(value);
            }
        }

        // Each name in full and each part of it ("Jamie", "Collins"), each line of the address, each date as written: as
        // written, so that "Ali" is not found in "Quality".
        var forbidden = names.SelectMany(n => new[] { n }.Concat(n.Split(' ', '-', '\'').Where(p => p.Length > 2)))
            .Concat(child[FormFields.ChildAddress].Split(',', StringSplitOptions.TrimEntries))
            .Concat(births.SelectMany(Written))
            .Distinct()
            .ToList();
        Assert.All(forbidden, f => Assert.False(text.Contains(f, StringComparison.Ordinal), $"'{f}' appears in: {text}"));
    }

    private static IEnumerable<string> Written(string iso)
    {
        var date = DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return new[] { "yyyy-MM-dd", "d MMMM yyyy", "dd/MM/yyyy", "d/M/yyyy", "MMMM yyyy", "dddd d MMMM yyyy" }
            .Select(f => date.ToString(f, System.Globalization.CultureInfo.InvariantCulture));
    }
}
