using System.Text.Json.Nodes;
using ScrBot.Bot.Conversations;
using ScrBot.Bot.Stages.Panel;
using ScrBot.Bot.Stages.Preparing;
using ScrBot.Bot.Stages.ActionPlan;
using ScrBot.Bot.Stages.Decision;
using ScrBot.Bot.Stages.Publication;
using ScrBot.Bot.Stages.Review;
using ScrBot.Bot.Stages.Reviewer;
using ScrBot.Bot.Tests.Referral;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Tests.Cards.StageCardCatalogue;

namespace ScrBot.Bot.Tests.Cards;

/// <summary>
/// Every card of stages 8–10: the review (start, terms of reference, family coordinator, the reviewer's card while the
/// review runs, a disclosure decision), the report and its publication (endorsement, planning, the National Panel,
/// publication, the library copy, the report off the website, the National Panel's advice on not publishing), and the
/// action plan (drawing it up, a sub-group meeting, an agency's update after escalation, raising an escalation, the
/// evidence, the endorsement and closing), with the longest plan; the agency's report by its agreed date and the hub
/// with a late one, the Independent Chair's decision on a delay not agreed, and the agency's SCR lead asked for timescales.
/// </summary>
internal static class ReviewCardCatalogue
{
    private static readonly AgencyId Police = new("staffs-police");
    private static readonly Actor Manager = ReferralSamples.BoardManager;
    private static readonly Actor Chair = ReferralSamples.IndependentChair;
    private static readonly Actor SubgroupChair = ReferralSamples.SubgroupChair;
    private static readonly Actor Patti = ReferralSamples.AgencyRepresentative;
    private static readonly Actor Director = new(new PersonId("5c0b5a7e-0000-4000-8000-000000000030"), "Karen Berg");
    private static readonly Actor Reviewer = new(new PersonId("5c0b5a7e-0000-4000-8000-000000000032"), "Ben Walters");
    private static readonly Actor PoliceScrLead = new(new PersonId("5c0b5a7e-0000-4000-8000-000000000042"), "Lee Gu");

    private static JsonObject ReviewHub(Story story) =>
        HubCard.Build(story.View(), story.Steps(), [], [new PreparingHub(), new PanelHub(), new ReviewerHub(), new ReviewHub(), new ActionPlanHub(), new ChecklistHub()]);

    private static DateTimeOffset Day(int days) => ReferralSamples.Now.AddDays(days);

    private static DateOnly Date(int days) => Domain.Calendar.LondonTime.DateOf(Day(days));

    public static IEnumerable<CatalogueCard> All()
    {
        foreach (var card in ReviewerCardCatalogue.All())
        {
            yield return card;
        }

        var story = Appointed(Decided());
        yield return Task(story, ReviewSteps.Start, Manager, "task-start-review", picture: true);
        story.Do(Manager, (s, c) => CaseCommands.InitiateReview(s, c, story.Today));
        yield return Task(story, ReviewSteps.Terms, Reviewer, "task-terms-of-reference", picture: true);
        yield return Task(story, ReviewSteps.Family, Manager, "task-family-coordinator");
        story.Do(Reviewer, (s, c) => CaseCommands.AgreeTermsOfReference(s, c, story.Today, true, ["Isaiah Langer, sub-group", "Patti Fernandez, Staffordshire Police"]));
        story.Do(Manager, (s, c) => CaseCommands.AppointFamilyCoordinator(s, c, "Rosa Family-Liaison"));
        story.Do(Reviewer, (s, c) => CaseCommands.RequestDisclosure(s, c, "Disclosure Officer", "The health chronology."));
        story.Do(Reviewer, (s, c) => CaseCommands.AgreeAgencyReportDates(s, c, [new(Police, story.Today.AddDays(14))]));
        yield return Task(story, ReviewSteps.AgencyReportPrefix + Police.Value, Patti, "task-agency-report", picture: true);
        var late = story.Copy();
        late.At(Day(28));
        yield return new("hub-review-agency-report-late", ReviewHub(late), Picture: true);

        var referred = story.Copy();
        referred.Do(Reviewer, (s, c) => CaseCommands.ReferReviewDelayToChair(s, c, "Trial listed for March.", "Letter from the CPS of 2 March.", story.Today.AddMonths(9),
            "The mother is not interviewed before the trial", DelayNotAgreedBy.SeniorInvestigatingOfficer, "The SIO wants the review finished before the trial starts."));
        yield return Task(referred, ReviewSteps.DelayPrefix + "Y1", Chair, "task-delay-decision", picture: true);
        yield return Task(referred, ReviewSteps.Conduct, Reviewer, "task-conduct-review-delay-with-the-chair");

        story.Do(Reviewer, (s, c) => CaseCommands.AgreeReviewDelay(s, c, "Trial listed for March.", "Letter from the CPS.", story.Today.AddMonths(9), "Police interviews left out"));
        yield return Task(story, ReviewSteps.Conduct, Reviewer, "task-conduct-review", picture: true);
        yield return Task(story, ReviewSteps.DisclosurePrefix + "R1", Chair, "task-disclosure-decision", picture: true);
        story.Do(Chair, (s, c) => CaseCommands.DecideDisclosure(s, c, "R1", true, "Needed for the trial.", true, true, true));
        story.Do(Reviewer, (s, c) => CaseCommands.CompleteReview(s, c, story.Today));

        yield return Task(story, PublicationSteps.Endorse, Manager, "task-endorse-report");
        yield return Task(story, ActionPlanSteps.Draw, SubgroupChair, "task-draw-up-action-plan", picture: true);
        story.Do(Manager, (s, c) => CaseCommands.EndorseReport(s, c, story.Today));
        yield return Task(story, PublicationSteps.Plan, Manager, "task-plan-publication", picture: true);
        yield return Task(story, PublicationSteps.Decide, Chair, "task-decide-not-to-publish");
        var notPublished = story.Copy();
        story.Do(Manager, (s, c) => CaseCommands.PlanPublication(s, c, story.Today.AddDays(14), story.Today));
        yield return Task(story, PublicationSteps.Panel, Manager, "task-report-to-national-panel", picture: true);
        story.Do(Manager, (s, c) => CaseCommands.SendReportToNationalPanel(s, c, story.Today));
        story.At(Day(21));
        yield return Task(story, PublicationSteps.Publish, Manager, "task-publish-report");
        story.Do(Manager, (s, c) => CaseCommands.PublishReport(s, c, story.Today, "https://www.staffsscb.org.uk/scr/child-j"));
        yield return Task(story, PublicationSteps.Library, Manager, "task-library-copy");

        notPublished.Do(Chair, (s, c) => CaseCommands.DecideNotToPublish(s, c, "Publication would identify the siblings."));
        yield return Task(notPublished, PublicationSteps.Advice, Manager, "task-national-panel-advice");

        foreach (var (text, n) in new[] { ("Share domestic incident notifications with schools within 24 hours.", 1), ("Train officers on the referral pathway.", 2), ("Audit the sharing protocol.", 3) })
        {
            story.Do(SubgroupChair, (s, c) => CaseCommands.AddActionPlanRecommendation(s, c, text, Police, story.Today.AddMonths(3), "Schools know the same day.", "A copy of the protocol."));
        }

        story.Do(Manager, (s, c) => CaseCommands.RecordActionPlanMeeting(s, c, story.Today, story.Today.AddDays(28)));
        yield return Task(story, ActionPlanSteps.Meeting, Manager, "task-action-plan-meeting", picture: true);
        story.At(Day(49)).Do(Manager, (s, c) => CaseCommands.RecordActionPlanMeeting(s, c, story.Today, story.Today.AddDays(28)));
        story.At(Day(77)).Do(Manager, (s, c) => CaseCommands.RecordActionPlanMeeting(s, c, story.Today, null));
        yield return Task(story, ActionPlanSteps.UpdateKey("A2", story.Today), Patti, "task-action-update-escalated", picture: true);
        yield return Task(story, ActionPlanSteps.EscalationPrefix + "A2/ExecutiveGroup", SubgroupChair, "task-raise-escalation", picture: true);
        yield return Task(story, ActionPlanSteps.TimescalesPrefix + "A2/1", PoliceScrLead, "task-give-timescales", picture: true);
        story.Do(PoliceScrLead, (s, c) => CaseCommands.GiveTimescales(s, c, "A2", story.Today.AddMonths(2), "Training for all response officers is booked for the next two months."));
        yield return new("hub-action-plan", ReviewHub(story), Picture: true);

        foreach (var id in new[] { "A1", "A2", "A3" })
        {
            story.Do(Patti, (s, c) => CaseCommands.ReportActionUpdate(s, c, id, "Done.", true, "Protocol signed."));
        }

        yield return Task(story, ActionPlanSteps.Evidence, SubgroupChair, "task-review-evidence");
        story.Do(SubgroupChair, (s, c) => CaseCommands.ReviewActionPlanEvidence(s, c, story.Today));
        yield return Task(story, ActionPlanSteps.Endorse, Manager, "task-endorse-action-plan");
        story.Do(Manager, (s, c) => CaseCommands.EndorseActionPlan(s, c, story.Today));
        yield return Task(story, ActionPlanSteps.Close, Manager, "task-close-case", picture: true);

        story.At(Day(21 + 366));
        yield return Task(story, PublicationSteps.Online, Manager, "task-report-off-website");

        yield return Longest();
    }

    /// <summary>Twenty recommendations at their longest: the Sub-group Chair's card still fits, shortened.</summary>
    private static CatalogueCard Longest()
    {
        var story = Appointed(Decided());
        story.Do(Manager, (s, c) => CaseCommands.InitiateReview(s, c, story.Today));
        story.Do(Reviewer, (s, c) => CaseCommands.AgreeTermsOfReference(s, c, story.Today, true, [.. Enumerable.Range(1, 30).Select(i => $"Panel member {i}, a partner agency with a long name")]));
        story.Do(Reviewer, (s, c) => CaseCommands.CompleteReview(s, c, story.Today));
        var text = string.Concat(Enumerable.Repeat("Zoë's agency — ‘review’ & <b>act</b>. ", 120))[..4000];
        for (var i = 0; i < 20; i++)
        {
            story.Do(SubgroupChair, (s, c) => CaseCommands.AddActionPlanRecommendation(s, c, text, Police, story.Today.AddMonths(3), text, text));
        }

        return Task(story, ActionPlanSteps.Draw, SubgroupChair, "task-draw-up-action-plan-longest");
    }

    /// <summary>The reviewer of the board's directory (Lee Gu) recommended by the Sub-group Chair, and appointed by the Independent Chair and the Director.</summary>
    internal static Story Appointed(Story story)
    {
        story.Do(SubgroupChair, (s, c) => CaseCommands.RecommendReviewer(s, c, ReviewerNomination.InDirectory(Reviewer.Id), null, ReviewerSource.NationalPanelList, null, Checked));
        story.Do(Chair, (s, c) => CaseCommands.AnswerReviewerAppointment(s, c, Role.IndependentChair, true, null));
        story.Do(Director, (s, c) => CaseCommands.AnswerReviewerAppointment(s, c, Role.DirectorOfChildrensServices, true, null));
        return story;
    }

    internal static readonly ReviewerChecks Checked = new(Training: true, Experience: true, ReferencesOrPreviousWork: true, Independence: true);

    /// <summary>Referred, the Scoping Panel held, the Independent Chair's decision to hold a Serious Case Review (or what <paramref name="option"/> says).</summary>
    internal static Story Decided(RecommendationOption option = RecommendationOption.FormalSeriousCaseReview)
    {
        var story = new Story(ReferralSamples.FilledDraft(), CardCatalogue.Directory);
        var sio = new Actor(new PersonId("sio"), "DI Sam Vimes");
        var minutes = new Actor(new PersonId("minutes"), "Diego Siciliani");
        var start = Day(3);
        story.Do(Manager, CaseCommands.InformChairs);
        story.Do(Manager, (s, c) => CaseCommands.ArrangeSubgroupMeeting(s, c, Date(1), true));
        story.Do(SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.ConveneScopingPanel, "The criteria may be met."));
        story.Do(Manager, (s, c) => CaseCommands.ChooseAgencies(s, c, [Police]));
        story.Do(Manager, (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, Date(2)));
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
        story.Do(SubgroupChair, (s, c) => CaseCommands.MakeRecommendation(s, c, option, ReviewMethodology.Silp, option == RecommendationOption.MultiAgencyLearningReview, ["Information sharing"], "The criteria are met.",
            new FamilyInvolvement("The child's mother and grandmother", null, false)));
        story.At(Day(7));
        story.Do(Chair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Uphold, "I agree with the panel."));
        return story;
    }
}
