using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Referral;
using ScrBot.Domain.Tests.Cases;
using static ScrBot.Domain.Tests.Cases.Samples;

namespace ScrBot.Domain.Tests.Referral;

public sealed class ReferTests
{
    [Fact]
    public void AReferralOpensACaseForTheReferrersBoardWithTheOtherBoardsCooperating()
    {
        var outcome = CaseCommands.Refer(Reference, Form(), As(Referrer));

        Assert.False(outcome.IsRefused);
        var referred = Assert.IsType<CaseReferred>(Assert.Single(outcome.Facts));
        Assert.Equal(Reference, referred.Reference);
        Assert.Equal(Staffordshire, referred.LeadBoard);
        Assert.Equal([Stoke], referred.CooperatingBoards);
        Assert.Equal(Now, referred.At);
        Assert.Equal(Referrer, referred.By);
    }

    [Fact]
    public void TheReferrerHasTheReferrerRoleOnTheNewCase()
    {
        var state = CaseState.Fold(CaseCommands.Refer(Reference, Form(), As(Referrer)).Facts);

        Assert.True(state.HasRole(Referrer.Id, Role.Referrer));
        Assert.Equal(Stage.Triage, state.Stage);
    }

    [Fact]
    public void AnyoneMayReferEvenWithoutAStandingRoleOnTheBoard()
    {
        var outcome = CaseCommands.Refer(Reference, Form(), As(Stranger));

        Assert.False(outcome.IsRefused);
        Assert.True(CaseState.Fold(outcome.Facts).HasRole(Stranger.Id, Role.Referrer));
    }

    [Fact]
    public void AReferralWithADateOfBirthInTheFutureIsRefusedAndProducesNothing()
    {
        var form = Form().With((ChildDetails c) => c with { DateOfBirth = new DateOnly(2027, 1, 1) });

        var outcome = CaseCommands.Refer(Reference, form, As(Referrer));

        Assert.True(outcome.IsRefused);
        Assert.Empty(outcome.Facts);
        Assert.Equal("child.dateOfBirth: Date of birth is in the future.", outcome.Explanation);
    }

    [Fact]
    public void AReferralWithSeveralProblemsGivesEveryReason()
    {
        var form = Form()
            .With((IncidentDetails i) => i with { Date = new DateOnly(2026, 3, 5), DateAgencyBecameAware = new DateOnly(2026, 3, 3) })
            .With((ReferrerDetails r) => r with { Agency = new AgencyId("xyz") })
            .With((ChildDetails c) => c with { Name = "" });

        var outcome = CaseCommands.Refer(Reference, form, As(Referrer));

        Assert.Empty(outcome.Facts);
        Assert.Equal(
            [
                "Agency 'xyz' is not one of the board's agencies.",
                "Child's name is required.",
                "The date the agency became aware (3 March 2026) is earlier than the incident (5 March 2026).",
            ],
            outcome.Refusals.Select(r => r.Reason));
    }

    [Fact]
    public void TodayIsTheLondonDateSoALateEveningReferralInSummerCountsTomorrow()
    {
        // 23:30 UTC on 9 July is 00:30 BST on 10 July: an incident on 10 July is not in the future.
        var lateEvening = new DateTimeOffset(2026, 7, 9, 23, 30, 0, TimeSpan.Zero);
        var form = Form().With((IncidentDetails i) => i with { Date = new DateOnly(2026, 7, 10), DateAgencyBecameAware = new DateOnly(2026, 7, 10) });

        var outcome = CaseCommands.Refer(Reference, form, As(Referrer, lateEvening));

        Assert.False(outcome.IsRefused, outcome.Explanation);
    }

    [Fact]
    public void TheDirectoryGivenWithTheReferralIsTheOneChecked()
    {
        var context = new CommandContext(Referrer, Now, new BoardDirectory([]));

        var outcome = CaseCommands.Refer(Reference, Form(), context, TwoBoards);

        Assert.False(outcome.IsRefused, outcome.Explanation);
    }
}
