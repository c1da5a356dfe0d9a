using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Referral;
using static ScrBot.Domain.Tests.Cases.Samples;

namespace ScrBot.Domain.Tests.Cases;

public sealed class ScopingPanelTests
{
    private static Outcome Hold(CaseStory story, params Actor[] attendees) =>
        story.At(CaseStory.PanelEnd.AddHours(1))
            .Try(SubgroupChair, (s, c) => CaseCommands.RecordScopingPanelHeld(s, c, CaseStory.PanelDay, attendees.Select(a => a.Id).ToList(), []));

    [Fact]
    public void ASignedStatementRecordsWhoWhenWhichTextAndWhichMeeting()
    {
        var story = CaseStory.ReadyForPanel()
            .Do(PoliceRep, (s, c) => CaseCommands.SignConfidentialityStatement(s, c, ConfidentialityStatement.ScopingPanel, c.Actor.Name));

        var signed = Assert.IsType<ConfidentialityStatementSigned>(story.Facts[^1]);
        Assert.Equal(PoliceRep.Id, signed.Member);
        Assert.Equal(Now, signed.At);
        Assert.Equal(ConfidentialityStatement.ScopingPanel.Version, signed.StatementVersion);
        Assert.Equal(ConfidentialityStatement.Hash(ConfidentialityStatement.ScopingPanel.Text), signed.StatementSha256);
        Assert.Matches("^[0-9a-f]{64}$", signed.StatementSha256);
        Assert.Equal(CaseStory.PanelStart, signed.MeetingStart);
        Assert.True(story.State.HasSignedForScheduledPanel(PoliceRep.Id));
    }

    [Fact]
    public void TheStatementsHashChangesWhenItsTextChanges()
    {
        var altered = ConfidentialityStatement.ScopingPanel with { Text = ConfidentialityStatement.ScopingPanel.Text + " " };

        Assert.NotEqual(ConfidentialityStatement.ScopingPanel.Sha256, altered.Sha256);
    }

    [Fact]
    public void SomeoneNotInvitedCannotSignTheStatement()
    {
        var outcome = CaseStory.ReadyForPanel()
            .Try(Stranger, (s, c) => CaseCommands.SignConfidentialityStatement(s, c, ConfidentialityStatement.ScopingPanel, c.Actor.Name));

        Assert.Equal("Only someone invited to the Scoping Panel, its chair or its minute taker can sign the Scoping Panel's confidentiality statement.", outcome.Explanation);
    }

    [Fact]
    public void TheStatementIsSignedOncePerMeeting()
    {
        var outcome = CaseStory.ReadyForPanel()
            .Do(PoliceRep, (s, c) => CaseCommands.SignConfidentialityStatement(s, c, ConfidentialityStatement.ScopingPanel, c.Actor.Name))
            .Try(PoliceRep, (s, c) => CaseCommands.SignConfidentialityStatement(s, c, ConfidentialityStatement.ScopingPanel, c.Actor.Name));

        Assert.Equal("You have already signed the confidentiality statement for this meeting.", outcome.Explanation);
    }

    [Fact]
    public void ThePanelIsHeldWhenEveryAttendeeHasSigned()
    {
        var story = CaseStory.PanelHeld();

        Assert.Equal(Stage.ScopingPanel, story.State.Stage);
        Assert.Equal(CaseStory.PanelDay, story.State.PanelHeld!.HeldOn);
        Assert.Equal(CaseStory.Attendees.Select(a => a.Id), story.State.PanelHeld.Attended);
    }

    [Fact]
    public void ThePanelCannotBeRecordedAsHeldWhileAnAttendeeHasNotSigned()
    {
        var story = CaseStory.ReadyForPanel();
        foreach (var attendee in CaseStory.Attendees.Where(a => a != HealthRep))
        {
            story.Do(attendee, (s, c) => CaseCommands.SignConfidentialityStatement(s, c, ConfidentialityStatement.ScopingPanel, c.Actor.Name));
        }

        var outcome = Hold(story, CaseStory.Attendees);

        Assert.True(outcome.IsRefused);
        Assert.Empty(outcome.Facts);
        Assert.Equal("The Scoping Panel cannot be recorded as held while Hana Health has not signed the confidentiality statement.", outcome.Explanation);
    }

    [Fact]
    public void ASignatureForAnEarlierMeetingDoesNotCountForTheRescheduledOne()
    {
        var story = CaseStory.ReadyForPanel().EveryoneSigns()
            .Do(Manager, (s, c) => CaseCommands.ScheduleScopingPanel(s, c, CaseStory.PanelStart.AddDays(1), CaseStory.PanelEnd.AddDays(1), null));

        var outcome = story.At(CaseStory.PanelEnd.AddDays(1).AddHours(1))
            .Try(SubgroupChair, (s, c) => CaseCommands.RecordScopingPanelHeld(s, c, CaseStory.PanelDay.AddDays(1), [SubgroupChair.Id, PoliceRep.Id], []));

        Assert.Equal("The Scoping Panel cannot be recorded as held while Sam Subgroup and Pete Police have not signed the confidentiality statement.", outcome.Explanation);
    }

    [Fact]
    public void TheSeniorInvestigatingOfficerMustBeInvitedWhenACriminalInvestigationRuns()
    {
        var story = CaseStory.PreparingPanel()
            .Do(Manager, (s, c) => CaseCommands.ChooseAgencies(s, c, [Police]))
            .Do(Manager, (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, new DateOnly(2026, 3, 17)))
            .Do(PoliceRep, (s, c) => CaseCommands.SecureRecords(s, c, Police))
            .Do(Manager, (s, c) => CaseCommands.ScheduleScopingPanel(s, c, CaseStory.PanelStart, CaseStory.PanelEnd, null))
            .Do(Manager, (s, c) => CaseCommands.InvitePanelMember(s, c, PoliceRep, PanelCapacity.AgencyRepresentative, Police, null))
            .Do(Manager, (s, c) => CaseCommands.AssignPanelChair(s, c, SubgroupChair, null))
            .Do(Manager, (s, c) => CaseCommands.AppointMinuteTaker(s, c, MinuteTaker, true))
            .Do(SubgroupChair, (s, c) => CaseCommands.SignConfidentialityStatement(s, c, ConfidentialityStatement.ScopingPanel, c.Actor.Name))
            .Do(PoliceRep, (s, c) => CaseCommands.SignConfidentialityStatement(s, c, ConfidentialityStatement.ScopingPanel, c.Actor.Name));

        var outcome = Hold(story, SubgroupChair, PoliceRep);

        Assert.Equal("The Scoping Panel cannot be held without the Senior Investigating Officer: a criminal investigation is running, so the SIO must be invited.", outcome.Explanation);
    }

    /// <summary>A panel with health only, no criminal investigation, everyone signed; health's records secured or not.</summary>
    private static CaseStory HealthOnlyWithoutCriminalInvestigation(bool secured)
    {
        var form = Form() with { ParallelProcesses = Form().ParallelProcesses with { CriminalInvestigation = false, SeniorInvestigatingOfficerContact = null } };
        var story = CaseStory.PreparingPanel(form)
            .Do(Manager, (s, c) => CaseCommands.ChooseAgencies(s, c, [Health]))
            .Do(Manager, (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, new DateOnly(2026, 3, 17)));
        if (secured)
        {
            story.Do(HealthRep, (s, c) => CaseCommands.SecureRecords(s, c, Health));
        }

        return story
            .Do(Manager, (s, c) => CaseCommands.ScheduleScopingPanel(s, c, CaseStory.PanelStart, CaseStory.PanelEnd, null))
            .Do(Manager, (s, c) => CaseCommands.InvitePanelMember(s, c, HealthRep, PanelCapacity.AgencyRepresentative, Health, null))
            .Do(Manager, (s, c) => CaseCommands.AssignPanelChair(s, c, SubgroupChair, null))
            .Do(Manager, (s, c) => CaseCommands.AppointMinuteTaker(s, c, MinuteTaker, true))
            .Do(SubgroupChair, (s, c) => CaseCommands.SignConfidentialityStatement(s, c, ConfidentialityStatement.ScopingPanel, c.Actor.Name))
            .Do(HealthRep, (s, c) => CaseCommands.SignConfidentialityStatement(s, c, ConfidentialityStatement.ScopingPanel, c.Actor.Name));
    }

    [Fact]
    public void ThePanelCannotBeHeldWhileAnInvitedAgencyHasNotSecuredItsRecords()
    {
        var outcome = Hold(HealthOnlyWithoutCriminalInvestigation(secured: false), SubgroupChair, HealthRep);

        Assert.Equal("The Scoping Panel cannot be held while Midlands Partnership NHS Trust has not secured its records.", outcome.Explanation);
    }

    [Fact]
    public void WithoutACriminalInvestigationThePanelIsHeldWithoutTheSeniorInvestigatingOfficer()
    {
        var outcome = Hold(HealthOnlyWithoutCriminalInvestigation(secured: true), SubgroupChair, HealthRep);

        Assert.False(outcome.IsRefused, outcome.Explanation);
    }

    [Fact]
    public void ThePanelNeedsAChairAndAMinuteTaker()
    {
        var story = CaseStory.PreparingPanel()
            .Do(Manager, (s, c) => CaseCommands.ChooseAgencies(s, c, [Police]))
            .Do(Manager, (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, new DateOnly(2026, 3, 17)))
            .Do(PoliceRep, (s, c) => CaseCommands.SecureRecords(s, c, Police))
            .Do(Manager, (s, c) => CaseCommands.ScheduleScopingPanel(s, c, CaseStory.PanelStart, CaseStory.PanelEnd, null))
            .Do(Manager, (s, c) => CaseCommands.InvitePanelMember(s, c, Sio, PanelCapacity.SeniorInvestigatingOfficer, Police, null))
            .Do(Sio, (s, c) => CaseCommands.SignConfidentialityStatement(s, c, ConfidentialityStatement.ScopingPanel, c.Actor.Name));

        var outcome = story.At(CaseStory.PanelEnd.AddHours(1))
            .Try(Manager, (s, c) => CaseCommands.RecordScopingPanelHeld(s, c, CaseStory.PanelDay, [Sio.Id], []));

        Assert.Equal(
            [
                "The Scoping Panel cannot be recorded as held without a chair: assign the Sub-group Chair (or the Vice-Chair on a conflict of interest).",
                "The Scoping Panel cannot be recorded as held without a professional minute taker.",
            ],
            outcome.Refusals.Select(r => r.Reason));
    }

    [Fact]
    public void APanelMemberCannotRecordThePanelAsHeld()
    {
        var outcome = CaseStory.ReadyForPanel().EveryoneSigns().At(CaseStory.PanelEnd.AddHours(1))
            .Try(PoliceRep, (s, c) => CaseCommands.RecordScopingPanelHeld(s, c, CaseStory.PanelDay, [PoliceRep.Id], []));

        Assert.Equal("Only the panel chair or the Board Manager can record that the Scoping Panel was held.", outcome.Explanation);
    }

    [Fact]
    public void ThePanelCannotBeHeldInTheFuture()
    {
        var outcome = CaseStory.ReadyForPanel().EveryoneSigns()
            .Try(SubgroupChair, (s, c) => CaseCommands.RecordScopingPanelHeld(s, c, CaseStory.PanelDay, CaseStory.Attendees.Select(a => a.Id).ToList(), []));

        Assert.Equal("The date the Scoping Panel was held (24 March 2026) is in the future.", outcome.Explanation);
    }

    [Fact]
    public void TheChairReconvenesWhenAgenciesDidNotBringTheirInformation()
    {
        var story = CaseStory.ReadyForPanel().EveryoneSigns().At(CaseStory.PanelEnd.AddHours(1))
            .Do(SubgroupChair, (s, c) => CaseCommands.RecordScopingPanelHeld(s, c, CaseStory.PanelDay, CaseStory.Attendees.Select(a => a.Id).ToList(), [Health]))
            .Do(SubgroupChair, (s, c) => CaseCommands.ReconveneScopingPanel(s, c, "Health did not bring its chronology."));

        Assert.Equal(Stage.PreparingScopingPanel, story.State.Stage);
        Assert.Null(story.State.ScheduledPanel);
        Assert.Null(story.State.PanelHeld);
        Assert.Single(story.State.PanelMeetingsHeld);
        Assert.Equal([Health], story.State.PanelMeetingsHeld[0].AgenciesWithoutInformation);
        Assert.Equal(["Health did not bring its chronology."], story.State.ReconveneReasons);
    }

    [Fact]
    public void OnlyThePanelChairReconvenesThePanel()
    {
        var outcome = CaseStory.PanelHeld().Try(Manager, (s, c) => CaseCommands.ReconveneScopingPanel(s, c, "Missing information."));

        Assert.Equal("Only the panel chair can reconvene the Scoping Panel.", outcome.Explanation);
    }

    [Fact]
    public void APanelNotYetHeldCannotBeReconvened()
    {
        var outcome = CaseStory.ReadyForPanel().Try(SubgroupChair, (s, c) => CaseCommands.ReconveneScopingPanel(s, c, "Missing information."));

        Assert.Equal("The Scoping Panel cannot be reconvened before it has been held (the case is at: Preparing the Scoping Panel).", outcome.Explanation);
    }

    [Fact]
    public void ARiskOfSignificantHarmIsRecordedByAnyoneOnTheCase()
    {
        var story = CaseStory.PanelHeld().Do(PoliceRep, (s, c) => CaseCommands.IdentifyRiskOfSignificantHarm(s, c, "A sibling lives in the same household."));

        var concern = Assert.Single(story.State.SignificantHarmConcerns);
        Assert.Equal(PoliceRep, concern.By);
    }

    [Fact]
    public void SomeoneWithNoRoleCannotRecordARiskOfSignificantHarm()
    {
        var outcome = CaseStory.PanelHeld().Try(Stranger, (s, c) => CaseCommands.IdentifyRiskOfSignificantHarm(s, c, "Details"));

        Assert.Equal("Only someone with a role on this case can record that a child is at risk of significant harm.", outcome.Explanation);
    }

    [Fact]
    public void MinutesRecordingDisagreementsAreCirculated()
    {
        var story = CaseStory.PanelHeld().Do(Manager, (s, c) => CaseCommands.CirculateMinutes(s, c, CaseStory.PanelDay, recordsDisagreements: true, "Health disagreed with the chronology's dates."));

        Assert.Equal(CaseStory.PanelDay, story.State.MinutesCirculatedOn);
        Assert.True(story.State.MinutesRecordDisagreements);
    }

    [Fact]
    public void MinutesAreNotCirculatedBeforeThePanelIsHeld()
    {
        var outcome = CaseStory.ReadyForPanel().Try(Manager, (s, c) => CaseCommands.CirculateMinutes(s, c, Today, false));

        Assert.Equal("The minutes cannot be circulated before the Scoping Panel has been held (the case is at: Preparing the Scoping Panel).", outcome.Explanation);
    }

    [Fact]
    public void ThePanelChairMakesTheRecommendationToTheIndependentChair()
    {
        var story = CaseStory.PanelHeld()
            .Do(SubgroupChair, (s, c) => CaseCommands.MakeRecommendation(s, c, RecommendationOption.MultiAgencyLearningReview, ReviewMethodology.Scie, true,
                ["Neglect", "Information sharing"], "Agencies did not share what they knew."));

        Assert.Equal(Stage.IndependentChairDecision, story.State.Stage);
        var recommendation = story.State.Recommendation!;
        Assert.Equal(RecommendationOption.MultiAgencyLearningReview, recommendation.Option);
        Assert.Equal(ReviewMethodology.Scie, recommendation.Methodology);
        Assert.True(recommendation.MultiAgencyReviewCommissioned);
        Assert.Equal(["Neglect", "Information sharing"], recommendation.AreasOfFocus);
    }

    [Fact]
    public void TheViceChairWhoChairedMakesTheRecommendation()
    {
        var story = CaseStory.PreparingPanel()
            .Do(Manager, (s, c) => CaseCommands.ChooseAgencies(s, c, [Police]))
            .Do(Manager, (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, new DateOnly(2026, 3, 17)))
            .Do(PoliceRep, (s, c) => CaseCommands.SecureRecords(s, c, Police))
            .Do(Manager, (s, c) => CaseCommands.ScheduleScopingPanel(s, c, CaseStory.PanelStart, CaseStory.PanelEnd, null))
            .Do(Manager, (s, c) => CaseCommands.InvitePanelMember(s, c, Sio, PanelCapacity.SeniorInvestigatingOfficer, Police, null))
            .Do(Manager, (s, c) => CaseCommands.AssignPanelChair(s, c, ViceChair, "The Sub-group Chair treated the child."))
            .Do(Manager, (s, c) => CaseCommands.AppointMinuteTaker(s, c, MinuteTaker, true))
            .Do(ViceChair, (s, c) => CaseCommands.SignConfidentialityStatement(s, c, ConfidentialityStatement.ScopingPanel, c.Actor.Name))
            .Do(Sio, (s, c) => CaseCommands.SignConfidentialityStatement(s, c, ConfidentialityStatement.ScopingPanel, c.Actor.Name))
            .At(CaseStory.PanelEnd.AddHours(1))
            .Do(ViceChair, (s, c) => CaseCommands.RecordScopingPanelHeld(s, c, CaseStory.PanelDay, [ViceChair.Id, Sio.Id], []));

        Assert.Equal("Only the panel chair can make the Scoping Panel's recommendation.",
            story.Try(SubgroupChair, (s, c) => CaseCommands.MakeRecommendation(s, c, RecommendationOption.NoFurtherAction, null, false, [], "None.")).Explanation);
        story.Do(ViceChair, (s, c) => CaseCommands.MakeRecommendation(s, c, RecommendationOption.NoFurtherAction, null, false, [], "No learning beyond what is known."));
        Assert.Equal(Stage.IndependentChairDecision, story.State.Stage);
    }

    [Fact]
    public void NoRecommendationBeforeThePanelIsHeld()
    {
        var outcome = CaseStory.ReadyForPanel()
            .Try(SubgroupChair, (s, c) => CaseCommands.MakeRecommendation(s, c, RecommendationOption.NoFurtherAction, null, false, [], "Because."));

        Assert.Equal("The recommendation cannot be made before the Scoping Panel has been held (the case is at: Preparing the Scoping Panel).", outcome.Explanation);
    }

    [Fact]
    public void ARecommendationIsWritten()
    {
        var outcome = CaseStory.PanelHeld()
            .Try(SubgroupChair, (s, c) => CaseCommands.MakeRecommendation(s, c, RecommendationOption.FormalSeriousCaseReview, null, false, [], ""));

        Assert.Equal("The recommendation's rationale is required.", outcome.Explanation);
    }

    [Fact]
    public void AMethodologyGoesOnlyWithAReview()
    {
        var outcome = CaseStory.PanelHeld()
            .Try(SubgroupChair, (s, c) => CaseCommands.MakeRecommendation(s, c, RecommendationOption.NoFurtherAction, ReviewMethodology.Silp, false, [], "Because."));

        Assert.Equal("A methodology can be recommended only with a review, not with no further action.", outcome.Explanation);
    }
}
