using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using static ScrBot.Domain.Tests.Cases.Samples;

namespace ScrBot.Domain.Tests.Cases;

/// <summary>
/// The Senior Investigating Officer's decision whether a police Disclosure Officer attends the Scoping Panel (toolkit:
/// "this decision will be made by the SIO"), and the alert every other partner gets when a partner reports discrepancies
/// with the details sent (toolkit: shared with the Board Manager "in order to alert other partner agencies").
/// </summary>
public sealed class DisclosureOfficerAndDiscrepancyAlertTests
{
    /// <summary>The sample boards, with the Senior Investigating Officer named in Staffordshire's directory.</summary>
    private static readonly BoardDirectory WithSio = new(
    [
        TwoBoards.Find(Staffordshire)! with
        {
            Members = [.. TwoBoards.Find(Staffordshire)!.Members, new BoardMember(Sio.Id, Sio.Name, Role.SeniorInvestigatingOfficer, Police, "sian@example.org")],
        },
        TwoBoards.Find(Stoke)!,
    ]);

    private static CaseStory DetailsSent() =>
        CaseStory.PreparingPanel()
            .Do(Manager, (s, c) => CaseCommands.ChooseAgencies(s, c, [Police, Health]))
            .Do(Manager, (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, new DateOnly(2026, 3, 17)));

    private static IReadOnlyList<PersonCheck> Rows(CaseState state, RecordCheckResult result) =>
        CaseCommands.PeopleToCheck(state).Select(p => new PersonCheck(p, result)).ToList();

    /// <summary>Checks in, and the invitations sent with the SIO given by <paramref name="sioEmail"/>.</summary>
    private static (CaseState State, List<CaseEvent> Facts) Invited(BoardDirectory directory, string sioEmail)
    {
        var story = DetailsSent()
            .Do(PoliceRep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Police, Rows(s, RecordCheckResult.Known), []))
            .Do(HealthRep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Health, Rows(s, RecordCheckResult.Known), []));
        var outcome = CaseCommands.SendInvitations(story.State, new CommandContext(Manager, Now, directory), [Police, Health], [],
            new Invitee("DI Sian Officer", sioEmail), new Invitee("Min Taker", "min@example.org"), null);
        Assert.False(outcome.IsRefused, outcome.Explanation);
        var facts = story.Facts.Concat(outcome.Facts).ToList();
        return (CaseState.Fold(facts), facts);
    }

    private static CaseState Apply(CaseState state, Outcome outcome)
    {
        Assert.False(outcome.IsRefused, outcome.Explanation);
        return outcome.Facts.Aggregate(state, (s, f) => s.Apply(f));
    }

    [Fact]
    public void TheSioInTheDirectoryNamesADisclosureOfficerWhoIsInvitedToThePanelWithWhoAndWhen()
    {
        var (state, _) = Invited(WithSio, "SIAN@example.org");
        Assert.Equal(Sio.Id, CaseCommands.SeniorInvestigatingOfficerOf(state)!.Member.Id);
        Assert.True(CaseCommands.SeniorInvestigatingOfficerInDirectory(state, WithSio));
        var at = Now.AddHours(2);

        var outcome = CaseCommands.DecideDisclosureOfficer(state, new CommandContext(Sio, at, WithSio), new Invitee(" DC Jo Bloggs ", " jo.bloggs@police.example "));
        var after = Apply(state, outcome);

        var decision = after.DisclosureOfficerDecision!;
        Assert.Equal((Sio, "DC Jo Bloggs", at, Sio), (decision.SeniorInvestigatingOfficer, decision.DisclosureOfficer!.Name, decision.At, decision.By));
        var invitation = after.Invitations.Single(i => i.Capacity == PanelCapacity.DisclosureOfficer);
        Assert.Equal(("DC Jo Bloggs", "jo.bloggs@police.example"), (invitation.Member.Name, invitation.Email));
        Assert.True(after.HasRole(invitation.Member.Id, Role.PanelMember));
        Assert.All(outcome.Facts, f => Assert.Equal(Sio, f.By));
    }

    [Fact]
    public void TheSioMayDecideNoDisclosureOfficerAttendsAndTheDecisionIsMadeOnce()
    {
        var (state, _) = Invited(WithSio, "sian@example.org");
        var after = Apply(state, CaseCommands.DecideDisclosureOfficer(state, new CommandContext(Sio, Now, WithSio), null));
        Assert.Null(after.DisclosureOfficerDecision!.DisclosureOfficer);
        Assert.DoesNotContain(after.Invitations, i => i.Capacity == PanelCapacity.DisclosureOfficer);

        var again = CaseCommands.DecideDisclosureOfficer(after, new CommandContext(Sio, Now, WithSio), new Invitee("DC Jo Bloggs", "jo@police.example"));
        Assert.Equal("Whether a Disclosure Officer attends was already decided by DI Sian Officer on 10 March 2026.", again.Explanation);
    }

    [Fact]
    public void NobodyButTheSioDecidesWhenTheSioIsInTheDirectory()
    {
        var (state, _) = Invited(WithSio, "sian@example.org");
        foreach (var someone in new[] { Manager, PoliceRep, SubgroupChair, Stranger })
        {
            var refused = CaseCommands.DecideDisclosureOfficer(state, new CommandContext(someone, Now, WithSio), null);
            Assert.Equal(
                "Only the Senior Investigating Officer invited to the Scoping Panel or the Board Manager (for a Senior Investigating Officer outside the board's directory) can decide whether a Disclosure Officer attends the Scoping Panel.",
                refused.Explanation);
        }
    }

    [Fact]
    public void ForAnSioOutsideTheDirectoryTheBoardManagerRecordsTheirDecisionForThem()
    {
        var (state, _) = Invited(TwoBoards, "sian@example.org");
        Assert.False(CaseCommands.SeniorInvestigatingOfficerInDirectory(state, TwoBoards));
        var sio = CaseCommands.SeniorInvestigatingOfficerOf(state)!.Member;
        Assert.Equal("mail:sian@example.org", sio.Id.Value);

        Assert.True(CaseCommands.DecideDisclosureOfficer(state, As(PoliceRep), null).IsRefused);
        var after = Apply(state, CaseCommands.DecideDisclosureOfficer(state, As(Manager), null));
        Assert.Equal((sio, Manager), (after.DisclosureOfficerDecision!.SeniorInvestigatingOfficer, after.DisclosureOfficerDecision.By));
    }

    [Fact]
    public void TheDisclosureOfficerIsSomeoneNotAlreadyOnThePanelWithAnEmailAddress()
    {
        var (state, _) = Invited(WithSio, "sian@example.org");
        var sio = new CommandContext(Sio, Now, WithSio);

        Assert.Equal("Disclosure Officer: The Disclosure Officer needs a name and an email address.", CaseCommands.DecideDisclosureOfficer(state, sio, new Invitee("DC Jo Bloggs", "")).Explanation);
        Assert.Equal("Disclosure Officer: The Disclosure Officer's email address (jo at police) is not an email address.", CaseCommands.DecideDisclosureOfficer(state, sio, new Invitee("DC Jo Bloggs", "jo at police")).Explanation);
        Assert.Equal("Disclosure Officer: Min Taker already takes part in the Scoping Panel; the Disclosure Officer is someone else.",
            CaseCommands.DecideDisclosureOfficer(state, sio, new Invitee("Min Taker", "min@example.org")).Explanation);
        Assert.Equal("Disclosure Officer: DI Sian Officer already takes part in the Scoping Panel; the Disclosure Officer is someone else.",
            CaseCommands.DecideDisclosureOfficer(state, sio, new Invitee("DI Sian Officer", "sian@example.org")).Explanation);
    }

    [Fact]
    public void BeforeTheInvitationsThereIsNoSioToDecide()
    {
        var story = DetailsSent();
        var refused = CaseCommands.DecideDisclosureOfficer(story.State, new CommandContext(Sio, Now, WithSio), null);
        Assert.True(refused.IsRefused);
        Assert.Null(CaseCommands.SeniorInvestigatingOfficerOf(story.State));
    }

    [Fact]
    public void AfterThePanelIsHeldTheDecisionCannotBeRecorded()
    {
        var story = CaseStory.PanelHeld();
        var refused = CaseCommands.DecideDisclosureOfficer(story.State, As(Sio), null);
        Assert.Equal("Whether a Disclosure Officer attends cannot be recorded at this stage (the case is at: Scoping Panel).", refused.Explanation);
    }

    [Fact]
    public void ADiscrepancyAlertsEveryOtherPartnerIncludingOneThatAlreadyReturnedItsCheck()
    {
        var story = DetailsSent()
            .Do(HealthRep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Health, Rows(s, RecordCheckResult.NotKnown), []));
        Assert.False(CaseCommands.DiscrepancyAlertOpen(story.State, Health));

        story.At(Now.AddHours(1))
            .Do(PoliceRep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Police, Rows(s, RecordCheckResult.Known), [new Discrepancy(DiscrepancyKind.Address, "14 Example Road since June.")]));

        Assert.True(CaseCommands.DiscrepancyAlertOpen(story.State, Health));
        Assert.True(CaseCommands.DiscrepancyAlertOpen(story.State, Csc));
        Assert.False(CaseCommands.DiscrepancyAlertOpen(story.State, Police));
        Assert.Equal([Police], CaseCommands.OtherPartnersDiscrepancies(story.State, Health).Select(c => c.Agency));
    }

    [Fact]
    public void APartnerSeesTheDiscrepanciesOnceWithWhoAndWhenAndIsAlertedAgainByANewOne()
    {
        var story = DetailsSent()
            .Do(HealthRep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Health, Rows(s, RecordCheckResult.NotKnown), []))
            .At(Now.AddHours(1))
            .Do(PoliceRep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Police, Rows(s, RecordCheckResult.Known), [new Discrepancy(DiscrepancyKind.DateOfBirth, "15 May.")]))
            .At(Now.AddHours(2))
            .Do(HealthRep, (s, c) => CaseCommands.SeeOtherPartnersDiscrepancies(s, c, Health));

        var seen = story.State.DiscrepancyAlertsSeen.Single();
        Assert.Equal((Health, Now.AddHours(2), HealthRep), (seen.Agency, seen.At, seen.By));
        Assert.False(CaseCommands.DiscrepancyAlertOpen(story.State, Health));
        Assert.Equal("Midlands Partnership NHS Trust has already seen the discrepancies the other partners reported.",
            story.Try(HealthRep, (s, c) => CaseCommands.SeeOtherPartnersDiscrepancies(s, c, Health)).Explanation);

        story.At(Now.AddHours(3))
            .Do(CscRep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Csc, Rows(s, RecordCheckResult.Known), [new Discrepancy(DiscrepancyKind.SpellingOrAlias, "Known as JC.")]));
        Assert.True(CaseCommands.DiscrepancyAlertOpen(story.State, Health));
    }

    [Fact]
    public void ReturningTheCheckAgainAnswersTheAlertAndACorrectionAnswersItForEveryone()
    {
        var story = DetailsSent()
            .Do(HealthRep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Health, Rows(s, RecordCheckResult.NotKnown), []))
            .At(Now.AddHours(1))
            .Do(PoliceRep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Police, Rows(s, RecordCheckResult.Known), [new Discrepancy(DiscrepancyKind.DateOfBirth, "15 May.")]))
            .At(Now.AddHours(2))
            .Do(HealthRep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Health, Rows(s, RecordCheckResult.Known), [new Discrepancy(DiscrepancyKind.DateOfBirth, "Also 15 May.")]));
        Assert.False(CaseCommands.DiscrepancyAlertOpen(story.State, Health));
        Assert.True(CaseCommands.DiscrepancyAlertOpen(story.State, Police));
        Assert.True(CaseCommands.DiscrepancyAlertOpen(story.State, Csc));

        var form = story.State.Form!;
        story.At(Now.AddHours(3))
            .Do(Manager, (s, c) => CaseCommands.CorrectCaseDetails(s, c, form.Child with { DateOfBirth = new DateOnly(2016, 5, 15) }, form.SignificantOthers));
        Assert.All(new[] { Police, Health, Csc }, a => Assert.False(CaseCommands.DiscrepancyAlertOpen(story.State, a)));
        Assert.Empty(CaseCommands.OtherPartnersDiscrepancies(story.State, Csc));

        // The corrected details go to the partners again: the checks returned before are due again.
        Assert.False(CaseCommands.CheckIsIn(story.State, Police));
        Assert.False(CaseCommands.CheckIsIn(story.State, Health));
        Assert.Equal("No other partner has reported a discrepancy for Midlands Partnership NHS Trust to see.",
            story.Try(HealthRep, (s, c) => CaseCommands.SeeOtherPartnersDiscrepancies(s, c, Health)).Explanation);
    }

    [Fact]
    public void OnlyTheAgencysOwnRepresentativeRecordsThatItSawTheDiscrepancies()
    {
        var story = DetailsSent()
            .Do(PoliceRep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Police, Rows(s, RecordCheckResult.Known), [new Discrepancy(DiscrepancyKind.Address, "Another address.")]));

        Assert.Equal("Only Midlands Partnership NHS Trust's representative can record that this agency has seen the other partners' discrepancies.",
            story.Try(PoliceRep, (s, c) => CaseCommands.SeeOtherPartnersDiscrepancies(s, c, Health)).Explanation);
        Assert.Equal("Only Midlands Partnership NHS Trust's representative can record that this agency has seen the other partners' discrepancies.",
            story.Try(Manager, (s, c) => CaseCommands.SeeOtherPartnersDiscrepancies(s, c, Health)).Explanation);
        story.Do(HealthRep, (s, c) => CaseCommands.SeeOtherPartnersDiscrepancies(s, c, Health));
    }
}
