using ScrBot.Bot.Conversations;
using ScrBot.Bot.Stages.Decision;
using ScrBot.Bot.Tests.Referral;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Tests.Cards.StageCardCatalogue;

namespace ScrBot.Bot.Tests.Cards;

/// <summary>
/// The notification checklist after a decision to hold a Serious Case Review: each item's task card as its owner
/// receives it (the Board Manager's, the police representative's, the Sub-group Chair's; the National Panel's before and
/// after a reviewer is appointed), a copy once recorded, and the hub card with the checklist as it is ticked.
/// </summary>
internal static class ChecklistCardCatalogue
{
    private static readonly AgencyId Police = new("staffs-police");
    private static readonly Actor Manager = ReferralSamples.BoardManager;
    private static readonly Actor Chair = ReferralSamples.IndependentChair;
    private static readonly Actor SubgroupChair = ReferralSamples.SubgroupChair;
    private static readonly Actor Patti = ReferralSamples.AgencyRepresentative;

    /// <summary>The names of the cards, none of which carries the child's details (the hub's do, and say so).</summary>
    public static readonly IReadOnlyList<string> TaskCards =
    [
        "task-notice-legal-advice", "task-notice-inspectorate", "task-notice-coroner", "task-notice-coroner-letter", "task-notice-cqc-area-team",
        "task-notice-media", "task-notice-national-panel", "task-notice-national-panel-with-reviewer", "task-notice-nominated-boards",
        "task-notice-ofsted", "task-notice-dfe", "task-notice-done",
    ];

    public static IEnumerable<CatalogueCard> All()
    {
        var story = Decided();
        yield return Task(story, Key(NotificationChecklist.LegalAdvice), Manager, "task-notice-legal-advice", picture: true);
        yield return Task(story, Key(NotificationChecklist.InspectoratePrefix + Police.Value), Patti, "task-notice-inspectorate", picture: true);
        yield return Task(story, Key(NotificationChecklist.Coroner), Patti, "task-notice-coroner");
        yield return Task(story, Key(NotificationChecklist.CoronerLetter), SubgroupChair, "task-notice-coroner-letter", picture: true);
        yield return Task(story, Key(NotificationChecklist.CareQualityCommissionAndAreaTeam), Manager, "task-notice-cqc-area-team", picture: true);
        yield return Task(story, Key(NotificationChecklist.Media), Manager, "task-notice-media");
        yield return Task(story, Key(NotificationChecklist.NationalPanel), Manager, "task-notice-national-panel", picture: true);
        yield return Task(story, Key(NotificationChecklist.NominatedBoards), Manager, "task-notice-nominated-boards");
        yield return Task(story, Key(NotificationChecklist.Ofsted), Manager, "task-notice-ofsted");
        yield return Task(story, Key(NotificationChecklist.DepartmentForEducation), Manager, "task-notice-dfe");
        yield return new("hub-checklist", Hub(story), Picture: true);

        var today = story.Today;
        story.Do(Manager, (s, c) => CaseCommands.RecordChecklistNotification(s, c, NotificationChecklist.LegalAdvice, today, "No legal question arises from the decision.", notNeeded: true));
        story.Do(Manager, (s, c) => CaseCommands.RecordChecklistNotification(s, c, NotificationChecklist.Ofsted, today, "By secure email to Ofsted's serious incident team."));
        story.Do(Manager, (s, c) => CaseCommands.RecordChecklistNotification(s, c, NotificationChecklist.DepartmentForEducation, today, null));
        story.Do(Patti, (s, c) => CaseCommands.RecordChecklistNotification(s, c, NotificationChecklist.Coroner, today, "The Staffordshire Coroner, by telephone."));
        story.Do(SubgroupChair, (s, c) => CaseCommands.RecordChecklistNotification(s, c, NotificationChecklist.CoronerLetter, today, "Letter sent."));
        story.Do(Manager, (s, c) => CaseCommands.RecordNotification(s, c, NotificationRecipient.BoardPartners, today, "The Independent Chair's decision."));
        story.Do(Manager, (s, c) => CaseCommands.RecordNotification(s, c, NotificationRecipient.DirectorOfChildrensServices, today, "The Independent Chair's decision."));
        yield return new("task-notice-done", TaskCard.Done(story.View(), story.Step(Key(NotificationChecklist.Ofsted))));
        yield return new("hub-checklist-ticked", Hub(story), Picture: true);

        ReviewCardCatalogue.Appointed(story);
        yield return Task(story, Key(NotificationChecklist.NationalPanel), Manager, "task-notice-national-panel-with-reviewer");
    }

    private static string Key(string item) => ChecklistSteps.Prefix + item;

    private static DateTimeOffset Day(int days) => ReferralSamples.Now.AddDays(days);

    /// <summary>Referred, the Scoping Panel held, and the Independent Chair's decision to hold a Serious Case Review upheld; no reviewer yet.</summary>
    internal static Story Decided(ScrBot.Bot.Referral.FormDraft? draft = null)
    {
        var story = new Story(draft ?? ReferralSamples.FilledDraft(), CardCatalogue.Directory);
        var sio = new Actor(new PersonId("sio"), "DI Sam Vimes");
        var minutes = new Actor(new PersonId("minutes"), "Diego Siciliani");
        var start = Day(3);
        story.Do(Manager, CaseCommands.InformChairs);
        story.Do(Manager, (s, c) => CaseCommands.ArrangeSubgroupMeeting(s, c, Domain.Calendar.LondonTime.DateOf(Day(1)), true));
        story.Do(SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.ConveneScopingPanel, "The criteria may be met."));
        story.Do(Manager, (s, c) => CaseCommands.ChooseAgencies(s, c, [Police, new AgencyId("staffs-health")]));
        story.Do(Manager, (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, Domain.Calendar.LondonTime.DateOf(Day(2))));
        story.Do(Patti, (s, c) => CaseCommands.SecureRecords(s, c, Police));
        story.Do(Patti, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Police, RecordCheckResult.Known, []));
        story.Do(Manager, (s, c) => CaseCommands.ScheduleScopingPanel(s, c, start, start.AddHours(2), "graph-event"));
        story.Do(Manager, (s, c) => CaseCommands.InvitePanelMember(s, c, Patti, PanelCapacity.AgencyRepresentative, Police, null));
        story.Do(Manager, (s, c) => CaseCommands.InvitePanelMember(s, c, sio, PanelCapacity.SeniorInvestigatingOfficer, Police, "sio@police.example"));
        story.Do(Manager, (s, c) => CaseCommands.AssignPanelChair(s, c, SubgroupChair, null));
        story.Do(Manager, (s, c) => CaseCommands.AppointMinuteTaker(s, c, minutes, declaresNoInvolvement: true));
        foreach (var attendee in new[] { SubgroupChair, Patti, sio, minutes })
        {
            story.Do(attendee, (s, c) => CaseCommands.SignConfidentialityStatement(s, c, ConfidentialityStatement.ScopingPanel, attendee.Name));
        }

        story.At(start.AddHours(3));
        story.Do(SubgroupChair, (s, c) => CaseCommands.RecordScopingPanelHeld(s, c, story.Today, [SubgroupChair.Id, Patti.Id, sio.Id, minutes.Id], []));
        story.Do(SubgroupChair, (s, c) => CaseCommands.MakeRecommendation(s, c, RecommendationOption.FormalSeriousCaseReview, ReviewMethodology.Silp, false, ["Information sharing"], "The criteria are met."));
        story.At(Day(7));
        story.Do(Chair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Uphold, "I agree with the panel."));
        return story;
    }
}
