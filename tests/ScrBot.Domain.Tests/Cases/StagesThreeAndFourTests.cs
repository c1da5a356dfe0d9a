using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using static ScrBot.Domain.Tests.Cases.Samples;

namespace ScrBot.Domain.Tests.Cases;

/// <summary>
/// Triage finished (duplicates, routes), the sub-group's decision with the Vice-Chair on direct involvement, and
/// preparing the Scoping Panel: per-person record checks, corrected details, schools, invitations in the toolkit's order.
/// </summary>
public sealed class StagesThreeAndFourTests
{
    private static CaseStory DetailsSent() =>
        CaseStory.PreparingPanel()
            .Do(Manager, (s, c) => CaseCommands.ChooseAgencies(s, c, [Police, Health]))
            .Do(Manager, (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, new DateOnly(2026, 3, 17)));

    private static IReadOnlyList<PersonCheck> Rows(CaseState state, RecordCheckResult child, RecordCheckResult others = RecordCheckResult.NotKnown) =>
        CaseCommands.PeopleToCheck(state).Select((p, i) => new PersonCheck(p, i == 0 ? child : others)).ToList();

    [Fact]
    public void ThePossibleDuplicateConfirmedAsTheSameChildLinksTheCasesWithWhoAndWhen()
    {
        var other = new CaseReference(2026, 3);
        var story = CaseStory.Referred().Do(Manager, (s, c) => CaseCommands.ResolvePossibleDuplicate(s, c, other, sameChild: true));

        Assert.Equal(other, story.State.SameChildAs);
        var resolution = Assert.Single(story.State.DuplicateResolutions);
        Assert.Equal(Manager, resolution.By);
        Assert.Equal(Now, resolution.At);
        Assert.Equal("Whether this is the same child as SCR-2026-0003 was already recorded by Morgan Manager.",
            story.Try(Manager, (s, c) => CaseCommands.ResolvePossibleDuplicate(s, c, other, sameChild: false)).Explanation);
    }

    [Fact]
    public void TheSameChildRunsOnOneClockTheWrittenDecisionCountsFromTheEarlierReferral()
    {
        var profile = ScrBot.Domain.Obligations.ProcessProfile.Toolkit with { DecisionClock = ScrBot.Domain.Obligations.DecisionClockStart.BoardNotifiedOfIncident };
        var story = CaseStory.AtSubgroupDecision()
            .Do(SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.ConveneScopingPanel, "Criteria may be met."));
        var alone = ScrBot.Domain.Obligations.ObligationRules.Derive(story.Facts, profile, profile.CreateCalendar(), Today).Single(o => o.Key == "D6");

        var same = CaseStory.AtSubgroupDecision()
            .Do(Manager, (s, c) => CaseCommands.ResolvePossibleDuplicate(s, c, new CaseReference(2026, 3), true, new DateOnly(2026, 2, 2)))
            .Do(SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.ConveneScopingPanel, "Criteria may be met."));
        var linked = ScrBot.Domain.Obligations.ObligationRules.Derive(same.Facts, profile, profile.CreateCalendar(), Today).Single(o => o.Key == "D6");

        Assert.Equal(new DateOnly(2026, 2, 2), linked.StartsOn);
        Assert.True(linked.DueOn < alone.DueOn);
    }

    [Fact]
    public void APossibleDuplicateDismissedLeavesTheCaseUnlinked()
    {
        var story = CaseStory.Referred().Do(Manager, (s, c) => CaseCommands.ResolvePossibleDuplicate(s, c, new CaseReference(2026, 3), sameChild: false));

        Assert.Null(story.State.SameChildAs);
        Assert.False(Assert.Single(story.State.DuplicateResolutions).SameChild);
        Assert.Equal("Only the Board Manager can settle a possible duplicate.",
            story.Try(SubgroupChair, (s, c) => CaseCommands.ResolvePossibleDuplicate(s, c, new CaseReference(2026, 4), true)).Explanation);
    }

    [Fact]
    public void TheRoutesAreRecordedAndAParallelReviewNeedsItsLeads()
    {
        var refused = CaseStory.Referred().Try(Manager, (s, c) => CaseCommands.RecordRoutes(s, c, true, false, true, false, " "));
        Assert.Equal("Name who leads the parallel review, so that they are engaged from the scoping stage.", refused.Explanation);

        var story = CaseStory.Referred().Do(Manager, (s, c) => CaseCommands.RecordRoutes(s, c, true, true, true, false, "YJB: J. Lead"));
        Assert.True(story.State.Routes!.FromChildDeathOverviewPanel);
        Assert.True(story.State.Routes.DomesticHomicideReview);
        Assert.Equal("YJB: J. Lead", story.State.Routes.Leads);
    }

    [Fact]
    public void TheViceChairChairsThePanelAfterTheSubgroupChairDeclaredDirectInvolvement()
    {
        var story = CaseStory.AtSubgroupDecision()
            .Do(SubgroupChair, (s, c) => CaseCommands.DeclareDirectInvolvement(s, c, "I chaired the child's protection conference."))
            .Do(ViceChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.ConveneScopingPanel, "Criteria may be met."))
            .Do(Manager, (s, c) => CaseCommands.ChooseAgencies(s, c, [Police]))
            .Do(Manager, (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, new DateOnly(2026, 3, 17)))
            .Do(PoliceRep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Police, Rows(s, RecordCheckResult.Known), []))
            .Do(Manager, (s, c) => CaseCommands.SendInvitations(s, c, [Police], [], new Invitee("DI Sian Officer", "sian@example.org"),
                new Invitee("Min Taker", "min@example.org"), null));

        Assert.Equal(ViceChair, story.State.PanelChair);
        Assert.True(story.State.PanelChairIsViceChair);
    }

    [Fact]
    public void TheIndependentChairDecidesOnTheSubgroupsRecommendationNotToConvene()
    {
        var story = CaseStory.AtSubgroupDecision()
            .Do(SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.NoFurtherAction, "No concerns."))
            .Do(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Uphold, "Agreed."));

        Assert.Equal(Stage.AfterDecision, story.State.Stage);
        Assert.Equal(RecommendationOption.NoFurtherAction, story.State.DecidedOption);
        Assert.Equal("Indira Chair", story.State.Decision!.By.Name);
    }

    [Fact]
    public void ARecordCheckHasOneRowPerPersonAndIsKnownWhenAnyoneIsKnown()
    {
        var story = DetailsSent();
        story.Do(PoliceRep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Police, Rows(s, RecordCheckResult.NotKnown, RecordCheckResult.Known), []));

        var check = story.State.RecordCheckOf(Police)!;
        Assert.Equal(RecordCheckResult.Known, check.Result);
        Assert.Equal(["Child A", "Parent C"], check.People.Select(p => p.Person));
        Assert.Equal([RecordCheckResult.NotKnown, RecordCheckResult.Known], check.People.Select(p => p.Result));
    }

    [Fact]
    public void ARecordCheckWithoutARowForEachPersonIsRefused()
    {
        var outcome = DetailsSent().Try(PoliceRep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Police, [new PersonCheck("Child A", RecordCheckResult.Known)], []));

        Assert.Equal("The records check must have one row for each person in the details sent: the child and each significant other.", outcome.Explanation);
    }

    [Fact]
    public void CorrectedDetailsGoToThePartnersAgainAndTheirChecksAreDueAgain()
    {
        var story = DetailsSent();
        story.Do(PoliceRep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Police, Rows(s, RecordCheckResult.Known),
            [new Discrepancy(DiscrepancyKind.DateOfBirth, "Our records give 5 March 2015.")]));
        Assert.True(CaseCommands.CheckIsIn(story.State, Police));

        story.At(Now.AddHours(1)).Do(Manager, (s, c) => CaseCommands.CorrectCaseDetails(s, c, s.Form!.Child with { DateOfBirth = new DateOnly(2015, 3, 5) }, s.Form.SignificantOthers));

        Assert.Equal(new DateOnly(2015, 3, 5), story.State.Form!.Child.DateOfBirth);
        Assert.False(CaseCommands.CheckIsIn(story.State, Police));
        Assert.Equal("Those are the details the partners already have; nothing was corrected.",
            story.Try(Manager, (s, c) => CaseCommands.CorrectCaseDetails(s, c, s.Form!.Child, s.Form.SignificantOthers)).Explanation);

        story.At(Now.AddHours(2)).Do(PoliceRep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Police, Rows(s, RecordCheckResult.Known), []));
        Assert.True(CaseCommands.CheckIsIn(story.State, Police));
    }

    [Fact]
    public void TheEducationSafeguardingOfficerGetsARoleWhenTheDetailsAreSentAndRecordsTheSchools()
    {
        Assert.Equal("Only the Education Safeguarding Officer can record the schools checked and informed.",
            CaseStory.PreparingPanel().Try(EducationOfficer, (s, c) => CaseCommands.RecordSchoolsChecked(s, c, ["St Mary's"])).Explanation);

        var story = DetailsSent();
        Assert.True(CaseAccess.HasRoleOnCase(story.State, EducationOfficer.Id, Role.EducationSafeguardingOfficer, TwoBoards));
        story.Do(EducationOfficer, (s, c) => CaseCommands.RecordSchoolsChecked(s, c, [" St Mary's Primary ", "", "Stafford Nursery"]));

        Assert.Equal(["St Mary's Primary", "Stafford Nursery"], story.State.SchoolsChecked);
        Assert.Contains(story.Facts, f => f is CaseRoleAssigned { Role: Role.EducationSafeguardingOfficer } r && r.Person == EducationOfficer);
    }

    [Fact]
    public void InvitationsWaitForEveryInvolvedAgencysInformationUnlessTheBoardManagerRecordsWhy()
    {
        var story = DetailsSent();
        story.Do(PoliceRep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Police, Rows(s, RecordCheckResult.Known), []));
        var sio = new Invitee("DI Sian Officer", "sian@example.org");
        var minutes = new Invitee("Min Taker", "min@example.org");

        var refused = story.Try(Manager, (s, c) => CaseCommands.SendInvitations(s, c, [Police], [], sio, minutes, null));
        Assert.Equal("Not every involved agency's information is in (Midlands Partnership NHS Trust); wait for it, or record why you proceed.", refused.Explanation);

        story.Do(Manager, (s, c) => CaseCommands.SendInvitations(s, c, [Police], [new Invitee("Dr Exa Expert", "exa@example.org")], sio, minutes, "Health is on leave."));
        Assert.Equal("Health is on leave.", story.State.InvitationsProceededBecause);
        Assert.Equal([PanelCapacity.AgencyRepresentative, PanelCapacity.Expert, PanelCapacity.SeniorInvestigatingOfficer], story.State.Invitations.Select(i => i.Capacity));
        Assert.Equal(SubgroupChair, story.State.PanelChair);
        Assert.Equal("Min Taker", story.State.MinuteTaker!.Name);
        Assert.True(story.State.HasRole(PoliceRep.Id, Role.PanelMember));
        Assert.Null(story.State.ScheduledPanel);
    }

    [Fact]
    public void APartnerNotInvitedWhoseRecordsDoNotKnowTheChildStepsBackItsRoleWithdrawnAsAFact()
    {
        var story = DetailsSent();
        story.Do(PoliceRep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Police, Rows(s, RecordCheckResult.Known), []));
        story.Do(HealthRep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Health, Rows(s, RecordCheckResult.NotKnown), []));
        Assert.True(CaseAccess.HasRoleOnCase(story.State, HealthRep.Id, TwoBoards));

        story.Do(Manager, (s, c) => CaseCommands.SendInvitations(s, c, [Police], [], new Invitee("DI Sian Officer", "sian@example.org"),
            new Invitee("Min Taker", "min@example.org"), null));

        Assert.False(CaseAccess.HasRoleOnCase(story.State, HealthRep.Id, TwoBoards));
        Assert.True(CaseAccess.HasRoleOnCase(story.State, PoliceRep.Id, TwoBoards));
        // Health's representatives on the board: Hana Health, and the Sub-group Chair, who keeps her board-wide role.
        var withdrawn = story.Facts.OfType<CaseRoleRemoved>().ToList();
        Assert.Equal(new[] { SubgroupChair.Id, HealthRep.Id }.ToHashSet(), withdrawn.Select(w => w.Person).ToHashSet());
        Assert.All(withdrawn, w => Assert.Equal((Role.AgencyRepresentative, Manager), (w.Role, w.By)));
        Assert.Equal([Role.SubgroupChair], CaseAccess.RolesOnCase(story.State, SubgroupChair.Id, TwoBoards));
    }

    [Fact]
    public void TheSeniorInvestigatingOfficerMustBeInvitedWhenACriminalInvestigationRuns()
    {
        var story = DetailsSent();
        story.Do(PoliceRep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Police, Rows(s, RecordCheckResult.Known), []));

        var refused = story.Try(Manager, (s, c) => CaseCommands.SendInvitations(s, c, [Police], [], null, new Invitee("Min Taker", "min@example.org"), "Health is late."));

        Assert.Equal("Senior Investigating Officer: A criminal investigation runs in parallel, so the Senior Investigating Officer must be invited.", refused.Explanation);
    }

    [Fact]
    public void AMinuteTakerAlreadyOnTheCaseAsAPractitionerIsRefused()
    {
        var story = DetailsSent();
        story.Do(PoliceRep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Police, Rows(s, RecordCheckResult.Known), []));

        var refused = story.Try(Manager, (s, c) => CaseCommands.SendInvitations(s, c, [Police], [], new Invitee("DI Sian Officer", "sian@example.org"),
            new Invitee("Hana Health", "hana.health@example.org"), "Health is late."));

        Assert.Equal("Minute taker: The minute taker must have had no involvement with the child or family; Hana Health already takes part in this case, so choose someone else.", refused.Explanation);
    }

    [Fact]
    public void AgenciesCannotChangeOnceTheDetailsAreSent()
    {
        var outcome = DetailsSent().Try(Manager, (s, c) => CaseCommands.ChooseAgencies(s, c, [Csc]));

        Assert.Equal("The agencies cannot be changed after the child's details have been sent to the partners.", outcome.Explanation);
    }
}
