using ScrBot.Bot.Referral;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Criteria;
using ScrBot.Domain.Referral;
using static ScrBot.Bot.Tests.Referral.JourneyHarness;

namespace ScrBot.Bot.Tests.Referral;

/// <summary>The notification form from <c>refer</c> to the acknowledgement, on real Azure Tables (Azurite).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReferralJourneyTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ReferOpensSectionOneWithTheReferrersNameFilledInAndADraftSaved()
    {
        var harness = new JourneyHarness(azurite);
        var user = NewReferrer();

        var card = await harness.Journey.StartAsync(user, CancellationToken.None);

        Assert.Equal("New referral · Section 1 of 6 · About you and your agency", Heading(card));
        Assert.Equal("Alex Wilber", Value(card, FormFields.ReferrerName));
        var draft = await harness.DraftOf(user);
        Assert.Equal(FormSection.Referrer, draft.Section);
        Assert.Equal(draft.DraftId, card["actions"]![0]!["data"]!["draftId"]!.GetValue<string>());
    }

    [Fact]
    public async Task AReferralGoesFromReferToItsAcknowledgementWithAnErrorCorrectedOnTheWay()
    {
        var harness = new JourneyHarness(azurite);
        var user = NewReferrer();
        await harness.Journey.StartAsync(user, CancellationToken.None);
        var answers = ReferralSamples.Answers();

        var second = await harness.PressAsync(user, "referral.next", FormSection.Referrer, answers[FormSection.Referrer]);
        Assert.EndsWith("Section 2 of 6 · The child", Heading(second.Card), StringComparison.Ordinal);

        var wrong = new Dictionary<string, string>(answers[FormSection.Child]) { [FormFields.ChildDateOfBirth] = "2027-01-04" };
        var again = await harness.PressAsync(user, "referral.next", FormSection.Child, wrong);
        Assert.EndsWith("Section 2 of 6 · The child", Heading(again.Card), StringComparison.Ordinal);
        Assert.Contains("Date of birth is in the future.", Text(again.Card), StringComparison.Ordinal);
        Assert.Equal("2027-01-04", Value(again.Card, FormFields.ChildDateOfBirth));
        Assert.Equal("Jamie Collins", Value(again.Card, FormFields.ChildName));

        var third = await harness.PressAsync(user, "referral.next", FormSection.Child, answers[FormSection.Child]);
        Assert.EndsWith("Section 3 of 6 · The incident", Heading(third.Card), StringComparison.Ordinal);
        foreach (var section in new[] { FormSection.Incident, FormSection.SignificantOthers, FormSection.AgenciesAndBoards })
        {
            await harness.PressAsync(user, "referral.next", section, answers[section]);
        }

        var review = await harness.PressAsync(user, "referral.review", FormSection.ParallelProcesses, answers[FormSection.ParallelProcesses]);
        Assert.Equal("New referral · Check your answers", Heading(review.Card));

        var sent = await harness.PressAsync(user, "referral.submit", FormSection.ParallelProcesses);

        Assert.NotNull(sent.Referred);
        Assert.Equal("SCR-2026-0001 · Referral received", Heading(sent.Card));
        Assert.Contains("SCR criteria met", Text(sent.Card), StringComparison.Ordinal);
        Assert.Contains(Domain.Criteria.CriteriaAssessment.Assess(sent.Referred.Form).SeriousCaseReviewReasons[0], Text(sent.Card), StringComparison.Ordinal);
        Assert.Null(await harness.Drafts.GetAsync(user.Id, CancellationToken.None));

        var stored = await harness.Cases.LoadAsync(ReferralSamples.Staffordshire, new CaseReference(2026, 1));
        Assert.NotNull(stored);
        Assert.Equal("Jamie Collins", stored.State.Form!.Child.Name);
        Assert.Equal(user.Id, stored.Facts.OfType<CaseReferred>().Single().By.Id);
        Assert.Equal(Stage.Triage, stored.State.Stage);
    }

    [Fact]
    public async Task ALookedAfterChildFromAnotherBoardsAuthorityIsLedByThatBoardWithTheBoardReferredToCooperating()
    {
        var harness = new JourneyHarness(azurite);
        var user = NewReferrer();
        await harness.Journey.StartAsync(user, CancellationToken.None);
        var answers = ReferralSamples.Answers();
        answers[FormSection.Child][FormFields.ChildLookedAfter] = "yes";
        answers[FormSection.Child][FormFields.ChildResponsibleAuthority] = "Stoke-on-Trent City Council";
        answers[FormSection.Child][FormFields.ChildResponsibleAuthorityBoard] = "stoke-on-trent";
        answers[FormSection.Child][FormFields.ChildHomeBoard] = "staffordshire";
        answers[FormSection.AgenciesAndBoards][FormFields.OtherBoardsInvolved] = "";
        await harness.FillAsync(user, FormSection.ParallelProcesses, answers);

        var sent = await harness.PressAsync(user, "referral.submit", FormSection.ParallelProcesses);

        Assert.NotNull(sent.Referred);
        var stoke = new Domain.Boards.BoardId("stoke-on-trent");
        Assert.Equal(stoke, sent.Referred.LeadBoard);
        Assert.Equal([ReferralSamples.Staffordshire], sent.Referred.CooperatingBoards);
        Assert.Contains("Your referral was sent to Stoke-on-Trent Safeguarding Children Board", Text(sent.Card), StringComparison.Ordinal);
        Assert.Contains("leads, as the board of the local authority responsible for the child; Staffordshire Safeguarding Children Board cooperates.", Text(sent.Card), StringComparison.Ordinal);
        var stored = await harness.Cases.LoadAsync(stoke, sent.Referred.Reference);
        Assert.Equal(stoke, stored!.State.LeadBoard);
        Assert.Null(await harness.Cases.LoadAsync(ReferralSamples.Staffordshire, sent.Referred.Reference));
    }

    [Fact]
    public async Task AnAddressTypedOnSeveralLinesKeepsItsLinesOnTheReview()
    {
        var harness = new JourneyHarness(azurite);
        var user = NewReferrer();
        await harness.Journey.StartAsync(user, CancellationToken.None);
        var answers = ReferralSamples.Answers();
        answers[FormSection.Child][FormFields.ChildAddress] = "12 Example Road\r\nStafford\r\n\r\nST16 0AA";
        await harness.FillAsync(user, FormSection.ParallelProcesses, answers);

        var review = await harness.PressAsync(user, "referral.review", FormSection.ParallelProcesses, answers[FormSection.ParallelProcesses]);

        Assert.Equal("New referral · Check your answers", Heading(review.Card));
        Assert.Contains("\"12 Example Road\\n\\nStafford\\n\\nST16 0AA\"", Text(review.Card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SectionFiveOpensWithTheReferrersOwnAgencyTickedAndKeepsWhatTheyChoose()
    {
        var harness = new JourneyHarness(azurite);
        var user = NewReferrer();
        await harness.Journey.StartAsync(user, CancellationToken.None);

        var fifth = await harness.FillAsync(user, FormSection.SignificantOthers);

        Assert.EndsWith("Section 5 of 6 · Agencies and boards involved", Heading(fifth.Card), StringComparison.Ordinal);
        Assert.Equal("staffs-csc", Value(fifth.Card, InputIds.AgenciesInvolved));

        await harness.PressAsync(user, "referral.next", FormSection.AgenciesAndBoards, new Dictionary<string, string> { [InputIds.AgenciesInvolved] = "staffs-police" });
        var back = await harness.PressAsync(user, "referral.back", FormSection.AgenciesAndBoards);
        Assert.Equal("staffs-police", Value(back.Card, InputIds.AgenciesInvolved));
    }

    [Fact]
    public async Task ADraftSurvivesARestartOfTheBotAndCarriesOnWhereTheUserWas()
    {
        var harness = new JourneyHarness(azurite);
        var user = NewReferrer();
        await harness.Journey.StartAsync(user, CancellationToken.None);
        await harness.FillAsync(user, FormSection.Child);

        var restarted = harness.Restarted();
        var prompt = await restarted.Journey.StartAsync(user, CancellationToken.None);

        Assert.Equal("New referral · You have a draft", Heading(prompt));
        Assert.Contains("Section 3 of 6 · The incident", Text(prompt), StringComparison.Ordinal);
        var resumed = await restarted.PressAsync(user, "referral.resume", FormSection.Incident);
        Assert.EndsWith("Section 3 of 6 · The incident", Heading(resumed.Card), StringComparison.Ordinal);

        var back = await restarted.PressAsync(user, "referral.back", FormSection.Child);
        Assert.Equal("Jamie Collins", Value(back.Card, FormFields.ChildName));
        Assert.Equal("2016-05-14", Value(back.Card, FormFields.ChildDateOfBirth));
    }

    [Fact]
    public async Task DiscardingDeletesTheDraftAndItsOldCardsChangeNothing()
    {
        var harness = new JourneyHarness(azurite);
        var user = NewReferrer();
        await harness.Journey.StartAsync(user, CancellationToken.None);
        await harness.FillAsync(user, FormSection.Referrer);
        var draftId = (await harness.DraftOf(user)).DraftId;

        var discarded = await harness.PressAsync(user, "referral.discard", FormSection.Child);

        Assert.Equal("New referral · Draft discarded", Heading(discarded.Card));
        Assert.Null(await harness.Drafts.GetAsync(user.Id, CancellationToken.None));
        var stale = await harness.PressAsync(user, "referral.next", FormSection.Child, ReferralSamples.Answers()[FormSection.Child], draftId);
        Assert.Equal("New referral · This form is closed", Heading(stale.Card));
        Assert.Null(await harness.Drafts.GetAsync(user.Id, CancellationToken.None));

        var fresh = await harness.Journey.StartAsync(user, CancellationToken.None);
        Assert.EndsWith("Section 1 of 6 · About you and your agency", Heading(fresh), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendPressedTwiceMakesOneCaseAndShowsItsAcknowledgementBothTimes()
    {
        var harness = new JourneyHarness(azurite);
        var user = NewReferrer();
        await harness.Journey.StartAsync(user, CancellationToken.None);
        await harness.FillAsync(user, FormSection.ParallelProcesses);
        var draftId = (await harness.DraftOf(user)).DraftId;

        var first = await harness.PressAsync(user, "referral.submit", FormSection.ParallelProcesses, draftId: draftId);
        var second = await harness.PressAsync(user, "referral.submit", FormSection.ParallelProcesses, draftId: draftId);

        Assert.Equal("SCR-2026-0001 · Referral received", Heading(first.Card));
        Assert.Equal("SCR-2026-0001 · Referral received", Heading(second.Card));
        Assert.Null(second.Referred);
        Assert.Single(await harness.Cases.CasesOnBoardAsync(ReferralSamples.Staffordshire));
    }

    [Fact]
    public async Task ASectionCannotBeSkippedByChangingWhatTheCardSends()
    {
        var harness = new JourneyHarness(azurite);
        var user = NewReferrer();
        await harness.Journey.StartAsync(user, CancellationToken.None);

        var jump = await harness.PressAsync(user, "referral.back", FormSection.Referrer, new Dictionary<string, string> { [InputIds.GoToSection] = "5" });
        Assert.EndsWith("Section 1 of 6 · About you and your agency", Heading(jump.Card), StringComparison.Ordinal);

        var send = await harness.PressAsync(user, "referral.submit", FormSection.ParallelProcesses);
        Assert.Null(send.Referred);
        Assert.Contains("The referral was not sent", Text(send.Card), StringComparison.Ordinal);
        Assert.Empty(await harness.Cases.CasesOnBoardAsync(ReferralSamples.Staffordshire));
    }

    [Fact]
    public async Task AButtonFromSomeoneElsesDraftChangesNothing()
    {
        var harness = new JourneyHarness(azurite);
        var owner = NewReferrer();
        var other = NewReferrer();
        await harness.Journey.StartAsync(owner, CancellationToken.None);
        await harness.FillAsync(owner, FormSection.Child);
        var ownersDraft = await harness.DraftOf(owner);

        var pressed = await harness.PressAsync(other, "referral.discard", FormSection.Incident, draftId: ownersDraft.DraftId);

        Assert.Equal("New referral · This form is closed", Heading(pressed.Card));
        var after = await harness.DraftOf(owner);
        Assert.Equal(ownersDraft.DraftId, after.DraftId);
        Assert.Equal(FormSection.Incident, after.Section);
        Assert.Equal(ownersDraft.Answers, after.Answers);
        Assert.Null(await harness.Drafts.GetAsync(other.Id, CancellationToken.None));
    }

    [Fact]
    public async Task AddAnotherPersonKeepsTheAnswersAndAddsARowUpToTen()
    {
        var harness = new JourneyHarness(azurite);
        var user = NewReferrer();
        await harness.Journey.StartAsync(user, CancellationToken.None);
        await harness.FillAsync(user, FormSection.Incident);

        var added = await harness.PressAsync(user, "referral.add", FormSection.SignificantOthers, ReferralSamples.Answers()[FormSection.SignificantOthers]);
        Assert.Equal("Sam Collins", Value(added.Card, InputIds.SignificantOther(0, FormFields.SignificantOtherName)));
        Assert.Contains(InputIds.SignificantOther(1, FormFields.SignificantOtherName), Text(added.Card), StringComparison.Ordinal);

        for (var i = 0; i < 12; i++)
        {
            added = await harness.PressAsync(user, "referral.add", FormSection.SignificantOthers, ReferralSamples.Answers()[FormSection.SignificantOthers]);
        }

        Assert.Equal(FormDraft.MaxSignificantOtherRows, (await harness.DraftOf(user)).SignificantOtherRows);
        Assert.DoesNotContain("Add another person", Text(added.Card), StringComparison.Ordinal);
        Assert.Contains("This card holds up to 10 people", Text(added.Card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangingAnEarlierAnswerThatNoLongerFitsALaterOneLeadsBackToIt()
    {
        var harness = new JourneyHarness(azurite);
        var user = NewReferrer();
        await harness.Journey.StartAsync(user, CancellationToken.None);
        await harness.FillAsync(user, FormSection.ParallelProcesses);

        await harness.PressAsync(user, "referral.back", FormSection.Child);
        var child = new Dictionary<string, string>(ReferralSamples.Answers()[FormSection.Child]) { [FormFields.ChildDateOfBirth] = "2026-11-10" };
        var next = await harness.PressAsync(user, "referral.next", FormSection.Child, child);

        Assert.EndsWith("Section 3 of 6 · The incident", Heading(next.Card), StringComparison.Ordinal);
        Assert.Contains("The incident is dated before the child's date of birth.", Text(next.Card), StringComparison.Ordinal);
    }

    public static TheoryData<string> WorkedExamples() => ["death-with-suspected-neglect", "serious-harm-with-concerns", "serious-harm-no-concerns", "looked-after-death-no-abuse"];

    [Theory]
    [MemberData(nameof(WorkedExamples))]
    public async Task TheAcknowledgementGivesTheDomainsReadingOfTheCriteriaForTheWorkedExamples(string example)
    {
        var harness = new JourneyHarness(azurite);
        var user = NewReferrer();
        var answers = WorkedExampleAnswers(example);
        await harness.Journey.StartAsync(user, CancellationToken.None);
        await harness.FillAsync(user, FormSection.ParallelProcesses, answers);

        var sent = await harness.PressAsync(user, "referral.submit", FormSection.ParallelProcesses);

        var advice = CriteriaAssessment.Assess(sent.Referred!.Form);
        var text = Text(sent.Card);
        Assert.Contains(ScrBot.Bot.Cards.Words.Of(advice.SeriousCaseReview), text, StringComparison.Ordinal);
        Assert.Contains(ScrBot.Bot.Cards.Words.Notifiable(advice.NotifiableIncident), text, StringComparison.Ordinal);
        Assert.All(advice.SeriousCaseReviewReasons.Concat(advice.NotifiableIncidentReasons), r => Assert.Contains(r, text, StringComparison.Ordinal));
        Assert.Contains("Advice only: the decision stays with the sub-group and the Independent Chair.", text, StringComparison.Ordinal);

        var (verdict, notifiable) = example switch
        {
            "death-with-suspected-neglect" => (CriteriaVerdict.Met, true),
            "serious-harm-with-concerns" => (CriteriaVerdict.Met, true),
            "serious-harm-no-concerns" => (CriteriaVerdict.NotMet, true),
            _ => (CriteriaVerdict.NotMet, true),
        };
        Assert.Equal(verdict, advice.SeriousCaseReview);
        Assert.Equal(notifiable, advice.NotifiableIncident);
    }

    /// <summary>The four worked examples of process.md, as a referrer would answer the incident section.</summary>
    public static Dictionary<FormSection, Dictionary<string, string>> WorkedExampleAnswers(string example)
    {
        var answers = ReferralSamples.Answers();
        var incident = answers[FormSection.Incident];
        switch (example)
        {
            case "death-with-suspected-neglect":
                incident[FormFields.IncidentKind] = "Died";
                incident[FormFields.IncidentAbuseOrNeglect] = "Suspected";
                break;
            case "serious-harm-with-concerns":
                incident[FormFields.IncidentKind] = "SeriouslyHarmed";
                incident[FormFields.IncidentAbuseOrNeglect] = "Known";
                incident[FormFields.IncidentInterAgencyConcern] = "Concerns";
                break;
            case "serious-harm-no-concerns":
                incident[FormFields.IncidentKind] = "SeriouslyHarmed";
                incident[FormFields.IncidentAbuseOrNeglect] = "Known";
                incident[FormFields.IncidentInterAgencyConcern] = "DefinitiveEvidenceOfNoConcerns";
                incident.Remove(FormFields.IncidentInterAgencyConcernDetails);
                break;
            default:
                answers[FormSection.Child][FormFields.ChildLookedAfter] = "yes";
                answers[FormSection.Child][FormFields.ChildResponsibleAuthority] = "Staffordshire County Council";
                incident[FormFields.IncidentKind] = "Died";
                incident[FormFields.IncidentAbuseOrNeglect] = "NotSuspected";
                incident[FormFields.IncidentInterAgencyConcern] = "NotKnown";
                incident.Remove(FormFields.IncidentInterAgencyConcernDetails);
                break;
        }

        return answers;
    }
}
