using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Referral;
using static ScrBot.Domain.Tests.Cases.Samples;

namespace ScrBot.Domain.Tests.Cases;

/// <summary>
/// A case told step by step through the real commands: each step must be accepted, and its facts are folded in. The
/// clock moves only when the story says so.
/// </summary>
internal sealed class CaseStory
{
    public static readonly DateTimeOffset PanelStart = new(2026, 3, 24, 10, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset PanelEnd = new(2026, 3, 24, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly PanelDay = new(2026, 3, 24);

    private readonly List<CaseEvent> facts = [];

    public CaseState State { get; private set; } = CaseState.Empty;

    public IReadOnlyList<CaseEvent> Facts => facts;

    public DateTimeOffset Now { get; private set; } = Samples.Now;

    public CommandContext As(Actor actor) => new(actor, Now, TwoBoards);

    public CaseStory At(DateTimeOffset now)
    {
        Now = now;
        return this;
    }

    public CaseStory Do(Actor actor, Func<CaseState, CommandContext, Outcome> command)
    {
        var outcome = command(State, As(actor));
        Assert.False(outcome.IsRefused, outcome.Explanation);
        Assert.NotEmpty(outcome.Facts);
        foreach (var fact in outcome.Facts)
        {
            Assert.Equal(Now, fact.At);
            Assert.Equal(actor, fact.By);
            facts.Add(fact);
            State = State.Apply(fact);
        }

        return this;
    }

    public Outcome Try(Actor actor, Func<CaseState, CommandContext, Outcome> command) => command(State, As(actor));

    // ── The case at each stage ──

    public static CaseStory Referred(NotificationForm? form = null)
    {
        var story = new CaseStory();
        var outcome = CaseCommands.Refer(Reference, form ?? Form(), story.As(Referrer));
        Assert.False(outcome.IsRefused, outcome.Explanation);
        foreach (var fact in outcome.Facts)
        {
            story.facts.Add(fact);
            story.State = story.State.Apply(fact);
        }

        return story;
    }

    public static CaseStory AtSubgroupDecision(NotificationForm? form = null) =>
        Referred(form)
            .Do(Manager, CaseCommands.InformChairs)
            .Do(Manager, (s, c) => CaseCommands.ArrangeSubgroupMeeting(s, c, new DateOnly(2026, 3, 12), extraordinary: true));

    public static CaseStory PreparingPanel(NotificationForm? form = null) =>
        AtSubgroupDecision(form)
            .Do(SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.ConveneScopingPanel, "The information suggests the criteria may be met."));

    /// <summary>Everything prepared for the panel on 24 March: agencies chosen, checks back, invitations, chair, minute taker.</summary>
    public static CaseStory ReadyForPanel(NotificationForm? form = null)
    {
        var story = PreparingPanel(form)
            .Do(Manager, (s, c) => CaseCommands.ChooseAgencies(s, c, [Police, Health]))
            .Do(Manager, (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, new DateOnly(2026, 3, 17)))
            .Do(PoliceRep, (s, c) => CaseCommands.SecureRecords(s, c, Police))
            .Do(PoliceRep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Police, RecordCheckResult.Known, [new Discrepancy(DiscrepancyKind.SpellingOrAlias, "Known as Child Aa.")]))
            .Do(HealthRep, (s, c) => CaseCommands.SecureRecords(s, c, Health))
            .Do(HealthRep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Health, RecordCheckResult.Known, []))
            .Do(CscRep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Csc, RecordCheckResult.Known, []))
            .Do(Manager, (s, c) => CaseCommands.ScheduleScopingPanel(s, c, PanelStart, PanelEnd, "graph-event-1"))
            .Do(Manager, (s, c) => CaseCommands.InvitePanelMember(s, c, PoliceRep, PanelCapacity.AgencyRepresentative, Police, null))
            .Do(Manager, (s, c) => CaseCommands.InvitePanelMember(s, c, HealthRep, PanelCapacity.AgencyRepresentative, Health, null))
            .Do(Manager, (s, c) => CaseCommands.InvitePanelMember(s, c, Sio, PanelCapacity.SeniorInvestigatingOfficer, Police, "sio@police.example"))
            .Do(Manager, (s, c) => CaseCommands.AssignPanelChair(s, c, SubgroupChair, null))
            .Do(Manager, (s, c) => CaseCommands.AppointMinuteTaker(s, c, MinuteTaker, declaresNoInvolvement: true));
        return story;
    }

    public static readonly Actor[] Attendees = [SubgroupChair, PoliceRep, HealthRep, Sio, MinuteTaker];

    public CaseStory EveryoneSigns()
    {
        foreach (var attendee in Attendees)
        {
            Do(attendee, (s, c) => CaseCommands.SignConfidentialityStatement(s, c, ConfidentialityStatement.ScopingPanel, c.Actor.Name));
        }

        return this;
    }

    public static CaseStory PanelHeld(NotificationForm? form = null) =>
        ReadyForPanel(form)
            .EveryoneSigns()
            .At(PanelEnd.AddHours(1))
            .Do(SubgroupChair, (s, c) => CaseCommands.RecordScopingPanelHeld(s, c, PanelDay, Attendees.Select(a => a.Id).ToList(), []));

    public static CaseStory Recommended(RecommendationOption option = RecommendationOption.FormalSeriousCaseReview, NotificationForm? form = null) =>
        PanelHeld(form)
            .Do(SubgroupChair, (s, c) => CaseCommands.MakeRecommendation(s, c, option,
                option == RecommendationOption.FormalSeriousCaseReview ? ReviewMethodology.Silp : null, false,
                ["Information sharing between police and health"], "The panel agreed that the criteria are met."));

    public static CaseStory Decided(RecommendationOption option = RecommendationOption.FormalSeriousCaseReview, NotificationForm? form = null) =>
        Recommended(option, form)
            .At(new DateTimeOffset(2026, 3, 30, 9, 0, 0, TimeSpan.Zero))
            .Do(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Uphold, "I agree with the panel."));

    /// <summary>The checks made on a reviewer before the recommendation, all confirmed.</summary>
    public static readonly ReviewerChecks Checked = new(Training: true, Experience: true, ReferencesOrPreviousWork: true, Independence: true);

    /// <summary>Rita Reviewer (of the board's directory) recommended by the Sub-group Chair from the National Panel's list.</summary>
    public CaseStory ReviewerRecommended(Actor? by = null, Actor? reviewer = null) =>
        Do(by ?? SubgroupChair, (s, c) => CaseCommands.RecommendReviewer(s, c, ReviewerNomination.InDirectory((reviewer ?? Reviewer).Id), null,
            ReviewerSource.NationalPanelList, null, Checked));

    /// <summary>The recommended reviewer appointed: the Independent Chair agrees, then the Director of Children's Services.</summary>
    public CaseStory ReviewerAppointed() =>
        Do(IndependentChair, (s, c) => CaseCommands.AnswerReviewerAppointment(s, c, Role.IndependentChair, true, null))
            .Do(Director, (s, c) => CaseCommands.AnswerReviewerAppointment(s, c, Role.DirectorOfChildrensServices, true, null));

    public static CaseStory WithReviewer(RecommendationOption option = RecommendationOption.FormalSeriousCaseReview) =>
        Decided(option).ReviewerRecommended().ReviewerAppointed();

    public static CaseStory ReviewStarted() =>
        Decided()
            .Do(Manager, (s, c) => CaseCommands.RecordNotification(s, c, NotificationRecipient.NationalPanel, new DateOnly(2026, 3, 30), "Decision and reviewer"))
            .ReviewerRecommended()
            .ReviewerAppointed()
            .Do(Manager, (s, c) => CaseCommands.InitiateReview(s, c, new DateOnly(2026, 3, 30)));

    public static CaseStory ReviewCompleted() =>
        ReviewStarted()
            .At(new DateTimeOffset(2026, 4, 14, 9, 0, 0, TimeSpan.Zero))
            .Do(Reviewer, (s, c) => CaseCommands.AgreeTermsOfReference(s, c, new DateOnly(2026, 4, 14), sharedWithSeniorInvestigatingOfficer: true))
            .At(new DateTimeOffset(2026, 9, 1, 9, 0, 0, TimeSpan.Zero))
            .Do(Reviewer, (s, c) => CaseCommands.CompleteReview(s, c, new DateOnly(2026, 9, 1)));

    public static CaseStory Published() =>
        ReviewCompleted()
            .Do(Manager, (s, c) => CaseCommands.EndorseReport(s, c, new DateOnly(2026, 9, 1)))
            .Do(Manager, (s, c) => CaseCommands.AddActionPlanRecommendation(s, c, "Police share domestic incident notifications with schools within 24 hours.", Police, new DateOnly(2027, 3, 1)))
            .Do(Manager, (s, c) => CaseCommands.AddActionPlanRecommendation(s, c, "Health visitors record fathers' details at every visit.", Health, new DateOnly(2027, 3, 1)))
            .Do(Manager, (s, c) => CaseCommands.PlanPublication(s, c, new DateOnly(2026, 10, 1)))
            .Do(Manager, (s, c) => CaseCommands.SendReportToNationalPanel(s, c, new DateOnly(2026, 9, 1)))
            .At(new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero))
            .Do(Manager, (s, c) => CaseCommands.PublishReport(s, c, new DateOnly(2026, 10, 1), "https://www.example.org/scr/2026-7"));

    public static readonly Actor Reviewer = Samples.Reviewer;
}
