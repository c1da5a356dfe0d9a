using System.Text.Json.Nodes;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Conversations;
using ScrBot.Bot.Referral;
using ScrBot.Bot.Stages.Panel;
using ScrBot.Bot.Stages.ActionPlan;
using ScrBot.Bot.Stages.Decision;
using ScrBot.Bot.Stages.Preparing;
using ScrBot.Bot.Stages.Publication;
using ScrBot.Bot.Stages.Review;
using ScrBot.Bot.Stages.Reviewer;
using ScrBot.Domain.Calendar;
using ScrBot.Bot.Stages.SubGroup;
using ScrBot.Bot.Tests.Referral;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;
using ScrBot.Domain.Referral;
using ScrBot.Domain.Scheduling;
using Invitee = ScrBot.Domain.Cases.Invitee;

namespace ScrBot.Bot.Tests.Cards;

/// <summary>
/// Every card of stages 3–5 and of the interaction model: each step's task card as its owner receives it, the card a
/// step becomes once done (or passed on), the Board Manager's hub card as the case goes along and at its longest (twenty
/// agencies with the longest discrepancies), <c>tasks</c>, and <c>case</c>'s role view with the referral in full.
/// </summary>
internal static class StageCardCatalogue
{
    private static readonly BoardId Board = ReferralSamples.Staffordshire;
    private static readonly AgencyId Police = new("staffs-police");
    private static readonly Actor Manager = ReferralSamples.BoardManager;
    private static readonly Actor Patti = ReferralSamples.AgencyRepresentative;
    private static readonly Actor Lynne = ReferralSamples.NoRole;

    /// <summary>Children's social care's officer who notifies Ofsted: a role on the sample case, a notifiable incident.</summary>
    private static readonly Actor NotifyingOfficer = CardCatalogue.Directory.WithRole(Board, Role.NotifyingOfficer).Select(m => new Actor(m.Person, m.Name)).Single();

    public static IEnumerable<CatalogueCard> All()
    {
        var story = new Story(ReferralSamples.FilledDraft(), CardCatalogue.Directory);
        story.Do(Manager, CaseCommands.InformChairs);
        yield return Task(story, SubGroupSteps.Arrange, Manager, "task-arrange-sub-group-meeting", picture: true);
        yield return Task(story, SubGroupSteps.Routes, Manager, "task-record-routes");
        yield return new("hub-at-triage", Hub(story));
        story.Do(Manager, (s, c) => CaseCommands.ArrangeSubgroupMeeting(s, c, ReferralSamples.Today.AddDays(7), true));
        yield return new("task-done", TaskCard.Done(story.View(), story.Step(SubGroupSteps.Arrange)), Picture: true);
        yield return Task(story, SubGroupSteps.Decide, ReferralSamples.SubgroupChair, "task-sub-group-decision", picture: true);

        var notConvened = story.Copy();
        notConvened.Do(ReferralSamples.SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.AnotherLearningReview, "A single-agency learning review fits better."));
        yield return new("hub-waiting-for-the-independent-chair", Hub(notConvened), Picture: true);

        foreach (var card in Decision(notConvened.Copy()))
        {
            yield return card;
        }

        foreach (var card in ChecklistCardCatalogue.All())
        {
            yield return card;
        }

        var involved = story.Copy();
        involved.Do(ReferralSamples.SubgroupChair, (s, c) => CaseCommands.DeclareDirectInvolvement(s, c, "I chaired the child's protection conference."));
        yield return new("task-passed-to-the-vice-chair", TaskCard.Done(involved.View(), involved.Step(SubGroupSteps.Decide)));
        var viceChair = CardCatalogue.Directory.WithRole(Board, Role.SubgroupViceChair).Select(m => new Actor(m.Person, m.Name)).Single();
        yield return Task(involved, SubGroupSteps.Decide, viceChair, "task-sub-group-decision-vice-chair");

        story.Do(ReferralSamples.SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.ConveneScopingPanel, "The information suggests the criteria may be met."));
        yield return Task(story, PreparingSteps.Agencies, Manager, "task-choose-agencies");
        story.Do(Manager, (s, c) => CaseCommands.ChooseAgencies(s, c, [Police, new AgencyId("staffs-health")]));
        yield return Task(story, PreparingSteps.Details, Manager, "task-send-details");
        story.Do(Manager, (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, ReferralSamples.Today.AddDays(10), ReferralSamples.Today.AddDays(2)));
        yield return Task(story, PreparingSteps.SecurePrefix + Police, Patti, "task-secure-records", picture: true);
        var late = story.Today.AddDays(7);
        yield return new("hub-records-secured-late", HubCard.Build(story.View(late), story.Steps(late), [], [new PanelHub()]));
        yield return Task(story, PreparingSteps.CheckPrefix + Police, Patti, "task-record-check", picture: true);
        yield return Task(story, PreparingSteps.Schools, Lynne, "task-schools");

        story.Do(Patti, (s, c) => CaseCommands.SecureRecords(s, c, Police));
        story.Do(Patti, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Police,
            CaseCommands.PeopleToCheck(s).Select((p, i) => new PersonCheck(p, i == 0 ? RecordCheckResult.Known : RecordCheckResult.NotKnown)).ToList(),
            [new Discrepancy(DiscrepancyKind.DateOfBirth, "Our records give 15 May 2016.")]));
        yield return Task(story, PreparingSteps.Correct, Manager, "task-correct-details", picture: true);
        yield return Task(story, PreparingSteps.Invite, Manager, "task-invitations", picture: true);
        yield return new("hub-preparing", Hub(story), Picture: true);

        foreach (var card in SeniorInvestigatingOfficer(story.Copy()))
        {
            yield return card;
        }

        story.Do(Manager, (s, c) => CaseCommands.SendInvitations(s, c, [Police], [new Invitee("Dr Ada Lovelace", "ada@example.org")],
            new Invitee("DI Sam Vimes", "sam.vimes@police.example"), new Invitee("Diego Siciliani", "diegos@board.example"), "Health's check is late."));
        yield return Task(story, PreparingSteps.ChronologyPrefix + Police, Patti, "task-chronology");
        yield return Task(story, PreparingSteps.Disclosure, Manager, "task-disclosure-officer-for-an-sio-outside-the-directory");
        yield return new("hub-ready-to-schedule", Hub(story));

        var view = story.View();
        var owed = new[] { story, notConvened, involved }.SelectMany(s => s.Steps().Where(st => st.Open).Select(st => new OwedStep(s.View(), st))).ToList();
        yield return new("tasks", TasksCard.Build(owed), Picture: true);
        yield return new("tasks-none", TasksCard.Build([]));
        var status = CaseStatusCard.Build(view.State, story.Facts, [], CardCatalogue.Directory, view.Today, view.Calendar);
        yield return new("case-role-view", RoleView.Extend(status, view, story.Steps(), Patti), Picture: true);

        foreach (var card in ScopingPanel(story))
        {
            yield return card;
        }

        foreach (var card in ReviewCardCatalogue.All())
        {
            yield return card;
        }

        yield return new("hub-longest", Longest(), Picture: false);
        yield return new("task-record-check-longest", LongestCheck());
        foreach (var card in DiscrepancyAlerts())
        {
            yield return card;
        }
    }

    /// <summary>The Senior Investigating Officer in the board's directory, invited: their Disclosure Officer decision, and once decided.</summary>
    private static IEnumerable<CatalogueCard> SeniorInvestigatingOfficer(Story story)
    {
        var sio = CardCatalogue.Directory.WithRole(Board, Role.SeniorInvestigatingOfficer).Select(m => new Actor(m.Person, m.Name)).First();
        story.Do(Manager, (s, c) => CaseCommands.SendInvitations(s, c, [Police], [], new Invitee(sio.Name, "jordanm@board.example"),
            new Invitee("Diego Siciliani", "diegos@board.example"), "Health's check is late."));
        yield return Task(story, PreparingSteps.Disclosure, sio, "task-disclosure-officer", picture: true);
        story.Do(sio, (s, c) => CaseCommands.DecideDisclosureOfficer(s, c, new Invitee("DC Jo Bloggs", "jo.bloggs@police.example")));
        yield return new("task-disclosure-officer-decided", TaskCard.Done(story.View(), story.Step(PreparingSteps.Disclosure)));
        yield return new("hub-disclosure-officer-decided", Hub(story), Picture: true);
    }

    /// <summary>
    /// A partner reports discrepancies: the alert of a partner that already returned its check (with the check to return
    /// again), of a partner whose check is still open, and, at its longest, of a partner alerted to nineteen partners'
    /// longest discrepancies.
    /// </summary>
    private static IEnumerable<CatalogueCard> DiscrepancyAlerts()
    {
        var (story, agencies) = AlertStory();
        yield return Task(story, PreparingSteps.AlertPrefix + agencies[1], story.Representative(agencies[1]), "task-discrepancy-alert", picture: true);
        yield return Task(story, PreparingSteps.AlertPrefix + agencies[2], story.Representative(agencies[2]), "task-discrepancy-alert-check-open");

        var (longest, all) = TwentyAgencies();
        foreach (var agency in all)
        {
            longest.Do(longest.Representative(agency), (s, c) => CaseCommands.ReturnRecordCheck(s, c, agency,
                CaseCommands.PeopleToCheck(s).Select(p => new PersonCheck(p, RecordCheckResult.Known)).ToList(),
                RecordCheckCard.Kinds.Select(k => new Discrepancy(k, Long())).ToList()));
            longest.Now = longest.Now.AddMinutes(1);
        }

        yield return Task(longest, PreparingSteps.AlertPrefix + all[0], longest.Representative(all[0]), "task-discrepancy-alert-longest");
    }

    /// <summary>Stages 6–7: the Independent Chair's decision card, her delegate's, the Sub-group Chair's copy, every copy once decided, and what follows.</summary>
    private static IEnumerable<CatalogueCard> Decision(Story story)
    {
        var chair = ReferralSamples.IndependentChair;
        yield return Task(story, DecisionSteps.Decide, chair, "task-chair-decision", picture: true);
        var copy = story.Step(DecisionSteps.Decide);
        yield return new("task-chair-decision-sub-group-copy", copy.TaskCard(new StepView(story.View(), copy, ReferralSamples.SubgroupChair)));

        var delegated = story.Copy();
        delegated.Do(chair, (s, c) => CaseCommands.DelegateChairsDecision(s, c, Patti.Id, "I know the family."));
        yield return Task(delegated, DecisionSteps.Decide, Patti, "task-chair-decision-delegated");

        var overruled = story.Copy();
        overruled.Do(chair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Overrule, "The child died and agencies did not share referrals.", null, RecommendationOption.FormalSeriousCaseReview));
        yield return Task(overruled, DecisionSteps.Reconvene, Manager, "task-reconvene-with-chair", picture: true);

        story.Do(chair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.UpholdWithFurtherActions, "The sub-group's reasons are sound.", ["Health reviews its own practice."]));
        yield return new("task-chair-decision-decided", TaskCard.Done(story.View(), story.Step(DecisionSteps.Decide)), Picture: true);
        yield return Task(story, DecisionSteps.TellReferrer, Manager, "task-tell-referrer", picture: true);
        yield return Task(story, DecisionSteps.TellBoard, Manager, "task-tell-board");
        yield return Task(story, DecisionSteps.TellNationalPanel, chair, "task-tell-national-panel", picture: true);
        yield return new("hub-decided", Hub(story), Picture: true);
        story.Do(Manager, (s, c) => CaseCommands.RecordNotification(s, c, NotificationRecipient.Referrer, ReferralSamples.Today, "The outcome."));
        yield return new("referrer-told", TaskCard.Done(story.View(), story.Step(DecisionSteps.TellReferrer)), Picture: true);
    }

    /// <summary>Stage 5: the meeting found, booked, answered, signed, held, minuted and recommended.</summary>
    private static IEnumerable<CatalogueCard> ScopingPanel(Story story)
    {
        var chair = ReferralSamples.SubgroupChair;
        yield return Task(story, PanelSteps.BookKey(story.View()), Manager, "task-find-a-time", picture: true);
        var find = story.Step(PanelSteps.BookKey(story.View()));
        var view = new StepView(story.View(), find, Manager);
        var invitees = PanelSteps.GraphInvitees(view.Case);
        var calendar = view.Case.Calendar;
        var search = SlotSearch.NextWorkingDays(ReferralSamples.Now, calendar);
        var window = SlotFinder.WindowOf(search, calendar);
        var busyChair = invitees.Select(i => i.Address.EndsWith("@police.example", StringComparison.Ordinal) || i.Address.StartsWith("ada@", StringComparison.Ordinal)
            ? InviteeAvailability.Unknown(i)
            : new InviteeAvailability(i, i.Name == chair.Name ? [new BusyPeriod(LondonTime.StartOfDay(window.FirstDay), LondonTime.StartOfDay(window.FirstDay).AddHours(13), BusyKind.Busy)] : [])).ToList();
        var found = SlotFinder.Find(search, busyChair, calendar);
        yield return new("task-find-a-time-slots", FindTimeCard.Slots(view, found), Picture: true);
        var never = invitees.Select(i => new InviteeAvailability(i, i.Name == chair.Name ? [new BusyPeriod(LondonTime.StartOfDay(window.FirstDay), LondonTime.StartOfDay(window.LastDay.AddDays(1)), BusyKind.OutOfOffice)] : [])).ToList();
        yield return new("task-find-a-time-nothing-fits", FindTimeCard.Slots(view, SlotFinder.Find(search, never, calendar)), Picture: true);
        var slot = found.Slots[0];
        yield return new("task-find-a-time-proposed", FindTimeCard.Proposed(view, SlotFinder.Assess(slot.Start.AddDays(1), slot.End.AddDays(1), busyChair, calendar)), Picture: true);

        story.Do(Manager, (s, c) => CaseCommands.ScheduleScopingPanel(s, c, slot.Start, slot.End, "AAMkAGI1", "https://teams.microsoft.com/l/meetup-join/example"));
        var noLink = story.Copy();
        noLink.Do(Manager, (s, c) => CaseCommands.ScheduleScopingPanel(s, c, slot.Start.AddDays(1), slot.End.AddDays(1), "AAMkAGI2", null));
        yield return new("hub-meeting-without-a-teams-link", Hub(noLink));
        yield return Task(story, PanelSteps.AttendKey(story.View(), Patti.Id), Patti, "task-attendance", picture: true);
        yield return Task(story, PanelSteps.SignKey(story.View(), Patti.Id), Patti, "task-confidentiality-statement", picture: true);
        story.Do(Patti, (s, c) => CaseCommands.AnswerAttendance(s, c, attending: true, "Sergeant Jo Deputy"));
        story.Do(Patti, (s, c) => CaseCommands.SignConfidentialityStatement(s, c, ConfidentialityStatement.ScopingPanel, "Patti Fernandez"));
        story.Do(PanelAnswersWorker.FromOutlook, (s, c) => CaseCommands.RecordInvitationAnswers(s, c, "AAMkAGI1",
            [new OutlookAnswer("pattif@board.example", "Patti Fernandez", "accepted"), new OutlookAnswer("sam.vimes@police.example", "DI Sam Vimes", "tentative")]));
        yield return new("hub-meeting-booked", Hub(story), Picture: true);

        // Moved from the hub card: Outlook and ScrBot ask every invitee again.
        var moved = story.Copy();
        moved.Do(Manager, (s, c) => CaseCommands.ScheduleScopingPanel(s, c, slot.Start.AddDays(2), slot.End.AddDays(2), "AAMkAGI1", "https://teams.microsoft.com/l/meetup-join/example"));
        yield return new("hub-meeting-moved", Hub(moved), Picture: true);
        yield return Task(moved, PanelSteps.AttendKey(moved.View(), Patti.Id), Patti, "task-attendance-after-a-move");

        // Cancelled from the hub card: the Board Manager books a new time.
        var cancelled = story.Copy();
        cancelled.Do(Manager, (s, c) => CaseCommands.PostponeScopingPanel(s, c, "The chair is unwell."));
        yield return Task(cancelled, PanelSteps.BookKey(cancelled.View()), Manager, "task-find-a-time-after-a-cancellation", picture: true);

        var absent = story.Copy();
        absent.Do(Patti, (s, c) => CaseCommands.AnswerAttendance(s, c, attending: false));
        yield return Task(absent, PanelSteps.AbsentKey(absent.View()), chair, "task-reconvene-before-the-meeting", picture: true);
        var holding = absent.Copy();
        holding.Do(chair, (s, c) => CaseCommands.ProceedWithoutAgencies(s, c, PanelSteps.AgenciesWithNobodyAttending(s)));
        yield return new("task-held-as-planned", TaskCard.Done(holding.View(), holding.Step(PanelSteps.AbsentKey(holding.View()))));

        story.Do(chair, (s, c) => CaseCommands.SignConfidentialityStatement(s, c, ConfidentialityStatement.ScopingPanel, chair.Name));
        story.Now = slot.Start.AddMinutes(5);
        yield return Task(story, PanelSteps.HeldKey(story.View()), chair, "task-meeting-held", picture: true);
        story.Now = slot.End.AddHours(1);
        story.Do(chair, (s, c) => CaseCommands.IdentifyRiskOfSignificantHarm(s, c, "The child's younger sibling lives in the same home."));
        yield return Task(story, PanelSteps.HarmPrefix + "0", Manager, "task-safeguarding", picture: true);
        yield return Task(story, PanelSteps.HarmPrefix + "0", NotifyingOfficer, "task-safeguarding-children-s-social-care");
        yield return new("hub-risk-of-significant-harm", Hub(story));
        story.Do(Manager, (s, c) => CaseCommands.StartSafeguarding(s, c, 0, "Referred to children's social care's front door."));

        var withoutInformation = story.Copy();
        withoutInformation.Do(chair, (s, c) => CaseCommands.RecordScopingPanelHeld(s, c, LondonTime.DateOf(slot.Start), [chair.Id, Patti.Id], [Police]));
        yield return Task(withoutInformation, PanelSteps.ReconveneKey(withoutInformation.View()), chair, "task-reconvene-after-the-meeting");

        story.Do(chair, (s, c) => CaseCommands.RecordScopingPanelHeld(s, c, LondonTime.DateOf(slot.Start), [chair.Id, Patti.Id], []));
        yield return Task(story, PanelSteps.MinutesKey(story.View()), Manager, "task-circulate-minutes", picture: true);
        yield return Task(story, PanelSteps.RecommendKey(story.View()), chair, "task-recommendation", picture: true);
        story.Do(Manager, (s, c) => CaseCommands.CirculateMinutes(s, c, LondonTime.DateOf(story.Now), true, "Police and health disagree on when concerns were first raised."));
        yield return Task(story, PanelSteps.ConfirmKey(story.View(), Police), Patti, "task-confirm-minutes");
        story.Do(chair, (s, c) => CaseCommands.MakeRecommendation(s, c, RecommendationOption.MultiAgencyLearningReview, ReviewMethodology.Silp, true,
            ["Information sharing between police and health"], "Agencies worked together poorly before the incident.",
            new FamilyInvolvement("The child's mother and grandmother", "The mother is a witness in the criminal investigation.", true)));
        yield return new("hub-waiting-for-the-independent-chair-recommendation", Hub(story), Picture: true);
    }

    internal static CatalogueCard Task(Story story, string key, Actor viewer, string name, bool picture = false)
    {
        var step = story.Step(key);
        Assert.True(step.IsOwedBy(viewer.Id), $"{viewer.Name} owes {key}");
        return new(name, step.TaskCard(new StepView(story.View(), step, viewer)), Picture: picture);
    }

    /// <summary>The hub card with every stage's part, in the order the bot registers them.</summary>
    internal static JsonObject Hub(Story story) => HubCard.Build(story.View(), story.Steps(), [], [new PreparingHub(), new PanelHub(), new ReviewerHub(), new ChecklistHub()]);

    /// <summary>
    /// Twenty agencies: the second returns its check with no discrepancy, then the first reports a date of birth and a
    /// significant other not yet identified.
    /// </summary>
    internal static (Story Story, IReadOnlyList<AgencyId> Agencies) AlertStory()
    {
        var (story, agencies) = TwentyAgencies();
        story.Do(story.Representative(agencies[1]), (s, c) => CaseCommands.ReturnRecordCheck(s, c, agencies[1],
            CaseCommands.PeopleToCheck(s).Select((p, i) => new PersonCheck(p, i == 0 ? RecordCheckResult.Known : RecordCheckResult.NotKnown)).ToList(), []));
        story.Now = story.Now.AddMinutes(5);
        story.Do(story.Representative(agencies[0]), (s, c) => CaseCommands.ReturnRecordCheck(s, c, agencies[0],
            CaseCommands.PeopleToCheck(s).Select(p => new PersonCheck(p, RecordCheckResult.Known)).ToList(),
            [new Discrepancy(DiscrepancyKind.DateOfBirth, "Our records give 15 May 2016."), new Discrepancy(DiscrepancyKind.SignificantOtherNotIdentified, "An older half-brother, Sam Collins, lived with the family in 2024.")]));
        return (story, agencies);
    }

    /// <summary>Twenty agencies, each with every discrepancy at its longest: the hub still fits, shortened.</summary>
    private static JsonObject Longest()
    {
        var (story, agencies) = TwentyAgencies();
        foreach (var agency in agencies)
        {
            var rep = story.Representative(agency);
            story.Do(rep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, agency,
                CaseCommands.PeopleToCheck(s).Select(p => new PersonCheck(p, RecordCheckResult.Known)).ToList(),
                RecordCheckCard.Kinds.Select(k => new Discrepancy(k, Long())).ToList()));
        }

        return HubCard.Build(story.View(), story.Steps(), [.. agencies.Select(a => story.Representative(a).Name)]);
    }

    private static JsonObject LongestCheck()
    {
        var (story, agencies) = TwentyAgencies();
        foreach (var agency in agencies.Skip(1))
        {
            story.Do(story.Representative(agency), (s, c) => CaseCommands.ReturnRecordCheck(s, c, agency,
                CaseCommands.PeopleToCheck(s).Select(p => new PersonCheck(p, RecordCheckResult.Known)).ToList(),
                RecordCheckCard.Kinds.Select(k => new Discrepancy(k, Long())).ToList()));
        }

        var step = story.Step(PreparingSteps.CheckPrefix + agencies[0]);
        return step.TaskCard(new StepView(story.View(), step, story.Representative(agencies[0])));
    }

    private static (Story Story, IReadOnlyList<AgencyId> Agencies) TwentyAgencies()
    {
        var local = CardCatalogue.Directory.Find(Board)!;
        var agencies = Enumerable.Range(1, 20).Select(i => new Agency(new AgencyId($"agency-{i:D2}"), $"Partner agency {i} with a long name of the kind boards use", AgencyKind.Other)).ToList();
        var members = agencies.Select((a, i) => new BoardMember(new PersonId($"rep-{i:D2}"), $"Representative {i + 1}", Role.AgencyRepresentative, a.Id, null));
        var widened = local with { Agencies = [.. local.Agencies, .. agencies], Members = [.. local.Members, .. members] };
        var directory = new BoardDirectory([.. CardCatalogue.Directory.Boards.Select(b => b.Id == Board ? widened : b)]);
        var story = new Story(ReferralSamples.FilledDraft(), directory);
        story.Do(Manager, CaseCommands.InformChairs);
        story.Do(Manager, (s, c) => CaseCommands.ArrangeSubgroupMeeting(s, c, ReferralSamples.Today.AddDays(5), false));
        story.Do(ReferralSamples.SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.ConveneScopingPanel, Long()));
        story.Do(Manager, (s, c) => CaseCommands.ChooseAgencies(s, c, [.. agencies.Select(a => a.Id)]));
        story.Do(Manager, (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, ReferralSamples.Today.AddDays(10)));
        return (story, agencies.Select(a => a.Id).ToList());
    }

    private static string Long() => string.Concat(Enumerable.Repeat("Zoë's address differs — ‘12 Example Road’ & <b>13</b>. ", 80))[..4000];

    /// <summary>A case told fact by fact through the domain's commands, with its view and steps as the bot derives them.</summary>
    internal sealed class Story
    {
        private readonly BoardDirectory _directory;
        private readonly List<CaseEvent> _facts = [];

        public Story(FormDraft draft, BoardDirectory directory)
        {
            _directory = directory;
            var form = FormCheck.CheckAll(draft, CardCatalogue.Directory, ReferralSamples.Today).Form;
            var outcome = CaseCommands.Refer(new CaseReference(2026, 7), form, new CommandContext(ReferralSamples.Referrer, ReferralSamples.Now, directory));
            Assert.False(outcome.IsRefused, outcome.Explanation);
            _facts.AddRange(outcome.Facts);
        }

        private Story(BoardDirectory directory, IEnumerable<CaseEvent> facts)
        {
            _directory = directory;
            _facts.AddRange(facts);
        }

        public IReadOnlyList<CaseEvent> Facts => _facts;

        /// <summary>The story's clock: when the next fact happens, and the day the cards are drawn.</summary>
        public DateTimeOffset Now { get; set; } = ReferralSamples.Now;

        public Story Copy() => new(_directory, _facts) { Now = Now };

        /// <summary>The day the story has reached (the cards are drawn as on that day).</summary>
        public DateOnly Today => LondonTime.DateOf(Now);

        /// <summary>Moves the story's clock on.</summary>
        public Story At(DateTimeOffset now)
        {
            Now = now;
            return this;
        }

        public void Do(Actor actor, Func<CaseState, CommandContext, Outcome> command)
        {
            var outcome = command(CaseState.Fold(_facts), new CommandContext(actor, Now, _directory));
            Assert.False(outcome.IsRefused, outcome.Explanation);
            _facts.AddRange(outcome.Facts);
        }

        public CaseView View(DateOnly? today = null)
        {
            var calendar = ProcessProfile.Toolkit.CreateCalendar();
            var day = today ?? Today;
            return new CaseView(Board, CaseState.Fold(_facts), _facts, ObligationRules.Derive(_facts, ProcessProfile.Toolkit, calendar, day),
                _directory, day, calendar);
        }

        public IReadOnlyList<CaseStep> Steps(DateOnly? today = null) =>
            [.. new SubGroupSteps().Steps(View(today)), .. new PreparingSteps().Steps(View(today)), .. new PanelSteps().Steps(View(today)),
             .. new ReviewerSteps().Steps(View(today)), .. new ReviewSteps().Steps(View(today)), .. new PublicationSteps().Steps(View(today)), .. new ActionPlanSteps().Steps(View(today)), .. new DecisionSteps().Steps(View(today))];

        public CaseStep Step(string key) => Steps().Single(s => s.Key == key);

        public Actor Representative(AgencyId agency) =>
            _directory.Find(Board)!.Members.Where(m => m.Agency == agency && m.Role == Role.AgencyRepresentative).Select(m => new Actor(m.Person, m.Name)).First();
    }
}
