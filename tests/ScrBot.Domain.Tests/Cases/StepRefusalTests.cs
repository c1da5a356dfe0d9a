using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using static ScrBot.Domain.Tests.Cases.Samples;

namespace ScrBot.Domain.Tests.Cases;

/// <summary>
/// Each step of the process refused to the wrong person in the right stage, and to the right person in the wrong stage:
/// the reason is the one refusal rule's, and nothing is produced.
/// </summary>
public sealed class StepRefusalTests
{
    private sealed record Attempt(Func<CaseStory> Story, Actor Actor, Func<CaseState, CommandContext, Outcome> Command, string Reason);

    private static readonly DateOnly Later = new(2026, 12, 1);

    private static readonly Dictionary<string, Attempt> WrongPerson = new()
    {
        ["a panel member cannot send the child's details"] = new(DetailsToSend, PoliceRep,
            (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, Later),
            "Only the Board Manager can send the child's details to the Board partners."),
        ["another agency cannot secure the police's records"] = new(() => CaseStory.ReadyForPanel(), HealthRep,
            (s, c) => CaseCommands.SecureRecords(s, c, Police),
            "Only Staffordshire Police's representative or the Board Manager can record that an agency's records are secured."),
        ["the referrer cannot schedule the panel"] = new(DetailsToSend, Referrer,
            (s, c) => CaseCommands.ScheduleScopingPanel(s, c, CaseStory.PanelStart, CaseStory.PanelEnd, null),
            "Only the Board Manager can schedule the Scoping Panel."),
        ["the sub-group chair cannot send invitations"] = new(() => CaseStory.ReadyForPanel(), SubgroupChair,
            (s, c) => CaseCommands.InvitePanelMember(s, c, Expert, PanelCapacity.Expert, null, null),
            "Only the Board Manager can invite people to the Scoping Panel."),
        ["an agency representative cannot assign the panel chair"] = new(() => CaseStory.ReadyForPanel(), PoliceRep,
            (s, c) => CaseCommands.AssignPanelChair(s, c, SubgroupChair, null),
            "Only the Board Manager or the Sub-group Chair can assign the chair of the Scoping Panel."),
        ["the panel chair cannot appoint the minute taker"] = new(() => CaseStory.ReadyForPanel(), SubgroupChair,
            (s, c) => CaseCommands.AppointMinuteTaker(s, c, Stranger, true),
            "Only the Board Manager can appoint the minute taker."),
        ["an agency representative cannot circulate the minutes"] = new(() => CaseStory.PanelHeld(), PoliceRep,
            (s, c) => CaseCommands.CirculateMinutes(s, c, CaseStory.PanelDay, false),
            "Only the Board Manager can circulate the Scoping Panel's minutes."),
        ["the independent chair cannot make the panel's recommendation"] = new(() => CaseStory.PanelHeld(), IndependentChair,
            (s, c) => CaseCommands.MakeRecommendation(s, c, RecommendationOption.NoFurtherAction, null, false, [], "Because."),
            "Only the panel chair can make the Scoping Panel's recommendation."),
        ["an agency representative cannot recommend the reviewer"] = new(() => CaseStory.Decided(), PoliceRep,
            (s, c) => CaseCommands.RecommendReviewer(s, c, ReviewerNomination.Named("Rita Reviewer"), null, ReviewerSource.NationalPanelList, null, CaseStory.Checked),
            "Only the Sub-group Chair, the Sub-group Vice-Chair or the Board Manager can recommend the reviewer."),
        ["the board manager cannot decide the reviewer's appointment"] = new(() => CaseStory.Decided().ReviewerRecommended(), Manager,
            (s, c) => CaseCommands.AnswerReviewerAppointment(s, c, Role.IndependentChair, true, null),
            "Only the Independent Chair or the Director of Children's Services can decide the reviewer's appointment."),
        ["the sub-group chair cannot replace the reviewer"] = new(() => CaseStory.WithReviewer(), SubgroupChair,
            (s, c) => CaseCommands.ReplaceReviewer(s, c, "Unwell."),
            "Only the Board Manager or the Independent Chair can replace the reviewer."),
        ["the independent chair does not record the national panel told of the reviewer"] = new(() => CaseStory.WithReviewer(), IndependentChair,
            (s, c) => CaseCommands.TellNationalPanelOfReviewers(s, c, new DateOnly(2026, 3, 30)),
            "Only the Board Manager can record that the National Panel was told who was appointed."),
        ["an agency representative cannot record the review team"] = new(() => CaseStory.Decided(), PoliceRep,
            (s, c) => CaseCommands.RecordReviewTeam(s, c, [new ReviewTeamMember("Staffordshire Police", "DCI Jo Bloggs")], true),
            "Only the Board Manager can record the Review Team."),
        ["the sub-group chair cannot record the case team"] = new(() => CaseStory.Decided(), SubgroupChair,
            (s, c) => CaseCommands.RecordCaseTeam(s, c, ["PC Amy Able, Staffordshire Police, officer"], []),
            "Only the Board Manager can record the Case Team."),
        ["the reviewer cannot start the review"] = new(ReviewerAppointed, CaseStory.Reviewer,
            (s, c) => CaseCommands.InitiateReview(s, c, new DateOnly(2026, 3, 30)),
            "Only the Board Manager can record that the review has started."),
        ["an agency representative cannot agree the terms of reference"] = new(CaseStory.ReviewStarted, PoliceRep,
            (s, c) => CaseCommands.AgreeTermsOfReference(s, c, new DateOnly(2026, 3, 30), true),
            "Only the Board Manager, the independent reviewer or the Independent Chair can record the terms of reference."),
        ["the referrer cannot complete the review"] = new(CaseStory.ReviewStarted, Referrer,
            (s, c) => CaseCommands.CompleteReview(s, c, new DateOnly(2026, 3, 30)),
            "Only the Board Manager or the independent reviewer can record that the review is complete."),
        ["the reviewer cannot endorse the report"] = new(CaseStory.ReviewCompleted, CaseStory.Reviewer,
            (s, c) => CaseCommands.EndorseReport(s, c, new DateOnly(2026, 9, 1)),
            "Only the Board Manager or the Independent Chair can record the Board's endorsement of the report."),
        ["the independent chair cannot plan publication"] = new(CaseStory.ReviewCompleted, IndependentChair,
            (s, c) => CaseCommands.PlanPublication(s, c, Later),
            "Only the Board Manager can plan the report's publication."),
        ["the reviewer cannot send the report to the national panel"] = new(CaseStory.ReviewCompleted, CaseStory.Reviewer,
            (s, c) => CaseCommands.SendReportToNationalPanel(s, c, new DateOnly(2026, 9, 1)),
            "Only the Board Manager can record that the report was sent to the National Panel."),
        ["the reviewer cannot publish the report"] = new(CaseStory.ReviewCompleted, CaseStory.Reviewer,
            (s, c) => CaseCommands.PublishReport(s, c, new DateOnly(2026, 9, 1), null),
            "Only the Board Manager can record the report's publication."),
        ["an agency representative cannot add to the action plan"] = new(CaseStory.Published, PoliceRep,
            (s, c) => CaseCommands.AddActionPlanRecommendation(s, c, "Do better.", Police, Later),
            "Only the Board Manager or the Sub-group Chair can add a recommendation to the action plan."),
        ["an agency representative cannot record a sub-group meeting"] = new(CaseStory.Published, PoliceRep,
            (s, c) => CaseCommands.RecordActionPlanMeeting(s, c, new DateOnly(2026, 10, 1), null),
            "Only the Board Manager or the Sub-group Chair can record a sub-group meeting on the action plan."),
        ["the sub-group chair cannot endorse the action plan"] = new(CaseStory.Published, SubgroupChair,
            (s, c) => CaseCommands.EndorseActionPlan(s, c, new DateOnly(2026, 10, 1)),
            "Only the Board Manager can record the endorsement of the action plan."),
        ["the independent chair cannot close the case"] = new(() => CaseStory.Decided(RecommendationOption.NoFurtherAction), IndependentChair,
            (s, c) => CaseCommands.CloseCase(s, c, "Done."),
            "Only the Board Manager can close a case."),
        ["a referrer cannot give roles"] = new(() => CaseStory.Referred(), Referrer,
            (s, c) => CaseCommands.AssignCaseRole(s, c, Stranger, Role.PanelMember, null),
            "Only the Board Manager can give someone a role on a case."),
    };

    private static readonly Dictionary<string, Attempt> WrongStage = new()
    {
        ["the chairs are not informed once the panel is being prepared"] = new(() => CaseStory.PreparingPanel(), Manager,
            CaseCommands.InformChairs,
            "The Chairs cannot be informed at this stage (the case is at: Preparing the Scoping Panel)."),
        ["the sub-group meeting is not rearranged after it decided"] = new(() => CaseStory.PreparingPanel(), Manager,
            (s, c) => CaseCommands.ArrangeSubgroupMeeting(s, c, Later, false),
            "The sub-group meeting cannot be arranged at this stage (the case is at: Preparing the Scoping Panel)."),
        ["the child's details are not sent during triage"] = new(() => CaseStory.Referred(), Manager,
            (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, Later),
            "The child's details cannot be sent to the partners before the sub-group has decided to convene a Scoping Panel (the case is at: Triage)."),
        ["records are not secured before the panel is convened"] = new(() => CaseStory.AtSubgroupDecision(), Manager,
            (s, c) => CaseCommands.SecureRecords(s, c, Police),
            "Records cannot be recorded as secured before the sub-group has decided to convene a Scoping Panel (the case is at: Sub-group decision)."),
        ["records checks are not returned after the panel"] = new(() => CaseStory.PanelHeld(), PoliceRep,
            (s, c) => CaseCommands.ReturnRecordCheck(s, c, Police, RecordCheckResult.Known, []),
            "A records check cannot be returned at this stage (the case is at: Scoping Panel)."),
        ["the panel is not rescheduled once held"] = new(() => CaseStory.PanelHeld(), Manager,
            (s, c) => CaseCommands.ScheduleScopingPanel(s, c, CaseStory.PanelStart.AddDays(7), CaseStory.PanelEnd.AddDays(7), null),
            "The Scoping Panel cannot be scheduled at this stage (the case is at: Scoping Panel)."),
        ["nobody is invited once the panel is held"] = new(() => CaseStory.PanelHeld(), Manager,
            (s, c) => CaseCommands.InvitePanelMember(s, c, Expert, PanelCapacity.Expert, null, null),
            "Invitations to the Scoping Panel cannot be sent at this stage (the case is at: Scoping Panel)."),
        ["the statement is not signed once the panel is held"] = new(() => CaseStory.PanelHeld(), PoliceRep,
            (s, c) => CaseCommands.SignConfidentialityStatement(s, c, ConfidentialityStatement.ScopingPanel, c.Actor.Name),
            "The confidentiality statement cannot be signed at this stage (the case is at: Scoping Panel)."),
        ["the panel is not held twice"] = new(() => CaseStory.PanelHeld(), SubgroupChair,
            (s, c) => CaseCommands.RecordScopingPanelHeld(s, c, CaseStory.PanelDay, [SubgroupChair.Id], []),
            "The Scoping Panel cannot be recorded as held at this stage (the case is at: Scoping Panel)."),
        ["no reviewer before the decision"] = new(() => CaseStory.Recommended(), Manager,
            (s, c) => CaseCommands.RecommendReviewer(s, c, ReviewerNomination.Named("Rita Reviewer"), null, ReviewerSource.NationalPanelList, null, CaseStory.Checked),
            "A reviewer cannot be recommended before the Independent Chair has decided to hold a review (the case is at: Independent Chair's decision)."),
        ["no review team before the decision"] = new(() => CaseStory.Recommended(), Manager,
            (s, c) => CaseCommands.RecordReviewTeam(s, c, [new ReviewTeamMember("Staffordshire Police", "DCI Jo Bloggs")], true),
            "The Review Team cannot be recorded before the Independent Chair has decided to hold a review (the case is at: Independent Chair's decision)."),
        ["no reviewer is replaced once the review is complete"] = new(CaseStory.ReviewCompleted, Manager,
            (s, c) => CaseCommands.ReplaceReviewer(s, c, "Unwell."),
            "The reviewer cannot be replaced at this stage (the case is at: Report and publication)."),
        ["no terms of reference before the review starts"] = new(() => CaseStory.Decided(), Manager,
            (s, c) => CaseCommands.AgreeTermsOfReference(s, c, new DateOnly(2026, 3, 30), true),
            "The terms of reference cannot be agreed before the review has started (the case is at: After the decision)."),
        ["no delay once the review is complete"] = new(CaseStory.ReviewCompleted, CaseStory.Reviewer,
            (s, c) => CaseCommands.AgreeReviewDelay(s, c, "Trial.", "Letter.", Later),
            "A delay cannot be agreed at this stage (the case is at: Report and publication)."),
        ["no publication during the review"] = new(CaseStory.ReviewStarted, Manager,
            (s, c) => CaseCommands.PublishReport(s, c, new DateOnly(2026, 3, 30), null),
            "The report cannot be published before the review has been completed (the case is at: Review)."),
        ["no decision against publication after publishing"] = new(CaseStory.Published, IndependentChair,
            (s, c) => CaseCommands.DecideNotToPublish(s, c, "Reasons."),
            "A decision not to publish cannot be recorded at this stage (the case is at: Action plan)."),
        ["the report is not removed before publication"] = new(CaseStory.ReviewCompleted, Manager,
            (s, c) => CaseCommands.RemoveReportFromWebsite(s, c, new DateOnly(2026, 9, 1)),
            "The report cannot be removed from the website before it has been published (the case is at: Report and publication)."),
        ["no action update before the review is complete"] = new(CaseStory.ReviewStarted, PoliceRep,
            (s, c) => CaseCommands.ReportActionUpdate(s, c, "A1", "Progress.", false),
            "Progress on the action plan cannot be reported before the review has been completed (the case is at: Review)."),
        ["the action plan is not endorsed before publication is settled"] = new(CaseStory.ReviewCompleted, Manager,
            (s, c) => CaseCommands.EndorseActionPlan(s, c, new DateOnly(2026, 9, 1)),
            "The action plan cannot be endorsed before the report has been published or a decision not to publish it has been made (the case is at: Report and publication)."),
        ["a case is not closed during triage"] = new(() => CaseStory.Referred(), Manager,
            (s, c) => CaseCommands.CloseCase(s, c, "Done."),
            "The case cannot be closed before the Independent Chair has decided (the case is at: Triage)."),
        ["attendance is not answered after the panel"] = new(() => CaseStory.PanelHeld(), PoliceRep,
            (s, c) => CaseCommands.AnswerAttendance(s, c, true),
            "An invitation to the Scoping Panel cannot be answered at this stage (the case is at: Scoping Panel)."),
        ["no chronology after the panel"] = new(() => CaseStory.PanelHeld(), PoliceRep,
            (s, c) => CaseCommands.ReceiveChronology(s, c, Police),
            "A chronology cannot be recorded as received at this stage (the case is at: Scoping Panel)."),
        ["no risk of significant harm recorded during triage"] = new(() => CaseStory.Referred(), Manager,
            (s, c) => CaseCommands.IdentifyRiskOfSignificantHarm(s, c, "Details."),
            "A risk of significant harm cannot be recorded before the sub-group has decided to convene a Scoping Panel (the case is at: Triage)."),
    };

    public static TheoryData<string> WrongPersonCases => [.. WrongPerson.Keys];

    public static TheoryData<string> WrongStageCases => [.. WrongStage.Keys];

    [Theory]
    [MemberData(nameof(WrongPersonCases))]
    public void EachStepIsRefusedToSomeoneWithoutTheRole(string step) => AssertRefused(WrongPerson[step]);

    [Theory]
    [MemberData(nameof(WrongStageCases))]
    public void EachStepIsRefusedAtTheWrongStage(string step) => AssertRefused(WrongStage[step]);

    private static void AssertRefused(Attempt attempt)
    {
        var story = attempt.Story();

        var outcome = story.Try(attempt.Actor, attempt.Command);

        Assert.True(outcome.IsRefused);
        Assert.Empty(outcome.Facts);
        Assert.Equal(attempt.Reason, outcome.Explanation);
    }

    private static CaseStory DetailsToSend() =>
        CaseStory.PreparingPanel().Do(Manager, (s, c) => CaseCommands.ChooseAgencies(s, c, [Police, Health]));

    private static CaseStory ReviewerAppointed() => CaseStory.WithReviewer();
}
