using System.Globalization;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Criteria;

namespace ScrBot.Domain.Obligations;

/// <summary>
/// Derives a case's obligations (D1–D12) from its facts. Pure: the same facts, profile, calendar and day always
/// give the same obligations. The facts are taken in the order they were recorded; a fact that meets an obligation
/// counts only when it was recorded after the fact that started it. <c>today</c> only decides whether an obligation
/// that is not met is open or overdue.
/// </summary>
public static class ObligationRules
{
    /// <summary>
    /// Every obligation of the case, ordered by due date, then D1–D12, then the order the facts gave them (e.g. D8 to
    /// the National Panel, Ofsted, the DfE).
    /// </summary>
    /// <exception cref="ArgumentException">The profile has problems (see <see cref="ProcessProfile.Problems"/>).</exception>
    public static IReadOnlyList<Obligation> Derive(
        IReadOnlyList<CaseEvent> facts,
        ProcessProfile profile,
        WorkingDayCalendar calendar,
        DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(calendar);
        var problems = profile.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException("The board's process settings cannot be used: " + string.Join(" ", problems), nameof(profile));
        }

        if (facts.Any(f => f is null))
        {
            throw new ArgumentException("A case's list of facts cannot contain an empty entry.", nameof(facts));
        }

        var derivation = new Derivation(facts, profile, calendar, today);
        var closed = facts.OfType<CaseClosed>().FirstOrDefault();
        return
        [
            .. derivation.All()
                .Select(o => closed is null ? o : AfterClosing(o, closed))
                .OrderBy(o => o.DueOn)
                .ThenBy(o => o.Code),
        ];
    }

    /// <summary>The obligations owed only within the board's own process: they end, unmet, when the case closes.</summary>
    private static readonly ObligationCode[] OwedWithinTheProcess =
    [
        ObligationCode.D2, ObligationCode.D3, ObligationCode.D4, ObligationCode.D5, ObligationCode.D6, ObligationCode.D9, ObligationCode.D12,
    ];

    /// <summary>
    /// Closing the case ends what the board's process still owed itself; what is owed to others (Ofsted, the National
    /// Panel, the DfE, the public) stays owed, and is still reminded of, after the case is closed.
    /// </summary>
    private static Obligation AfterClosing(Obligation obligation, CaseClosed closed) =>
        obligation.IsOutstanding && OwedWithinTheProcess.Contains(obligation.Code)
            ? obligation with
            {
                Status = ObligationStatus.Ended,
                Note = $"The case was closed on {HumanDates.Format(LondonTime.DateOf(closed.At))} before this was done.",
            }
            : obligation;

    private sealed class Derivation(IReadOnlyList<CaseEvent> facts, ProcessProfile profile, WorkingDayCalendar calendar, DateOnly today)
    {
        private const string BoardManager = "The Board Manager";
        private const string IndependentChair = "The Independent Chair";
        private const string AgencyRepresentative = "The agency's representative";

        private static readonly NotificationRecipient[] DecisionToReviewRecipients =
        [
            NotificationRecipient.NationalPanel,
            NotificationRecipient.Ofsted,
            NotificationRecipient.DepartmentForEducation,
        ];

        private readonly List<CaseRole> roles = CurrentRoles(facts);

        public IEnumerable<Obligation> All()
        {
            var referredAt = FirstIndex<CaseReferred>();
            var referred = referredAt is { } r ? (CaseReferred)facts[r] : null;
            if (referred?.Form.ForInformationOnly == true)
            {
                // A Youth Offending Service serious incident, for information only: no deadline runs.
                yield break;
            }

            var reported = facts.OfType<NotifiableIncidentReported>().FirstOrDefault();
            var caseWasNotified = CriteriaAssessment.IsNotifiableIncident(referred?.Form, reported?.ReportedOn);

            if (referred is not null)
            {
                if (caseWasNotified)
                {
                    yield return NotifyIncident(referred, reported);
                }

                yield return InformChairs(referredAt!.Value, referred);
            }

            foreach (var o in RecordChecks())
            {
                yield return o;
            }

            foreach (var o in Chronologies())
            {
                yield return o;
            }

            foreach (var o in Minutes())
            {
                yield return o;
            }

            foreach (var o in WrittenDecisions(referred, reported))
            {
                yield return o;
            }

            // Appendix B 4(a): notified because abuse or neglect is known or suspected. The death of a looked-after child
            // (notifiable to Ofsted whatever the cause) where abuse or neglect is not suspected is not for the Panel.
            var panelToBeTold = caseWasNotified
                && referred?.Form.Incident.AbuseOrNeglect is not (null or Referral.AbuseOrNeglect.NotSuspected);
            foreach (var o in DecisionNotifications(panelToBeTold))
            {
                yield return o;
            }

            foreach (var o in ReviewCompletions())
            {
                yield return o;
            }

            foreach (var o in AgencyReports())
            {
                yield return o;
            }

            if (ReportToNationalPanel() is { } d10)
            {
                yield return d10;
            }

            foreach (var o in ReportOnWebsite())
            {
                yield return o;
            }

            foreach (var o in ActionPlanUpdates())
            {
                yield return o;
            }
        }

        // D1
        private Obligation NotifyIncident(CaseReferred referred, NotifiableIncidentReported? reported)
        {
            var start = referred.Form.Incident.ChildrensSocialCareAwareOn(DateOf(referred));
            return Make(
                ObligationCode.D1,
                "D1",
                "Notify Ofsted and the board of a notifiable incident",
                Role.AgencyRepresentative,
                agency: null,
                person: null,
                "Children's social care (the local authority)",
                "Ofsted and the board",
                start,
                profile.NotifyIncident.AddTo(start, calendar),
                referred.Form.Incident.DateChildrensSocialCareAware is null
                    ? $"{profile.NotifyIncident} from children's social care becoming aware of the incident (the day the referral was received, as the form gives no earlier date)"
                    : $"{profile.NotifyIncident} from children's social care becoming aware of the incident",
                reported?.ReportedOn);
        }

        // D2
        private Obligation InformChairs(int referredAt, CaseReferred referred)
        {
            var start = DateOf(referred);
            var informed = First<ChairsInformed>(referredAt);
            var rule = profile.InformChairsWorkingDays == 0
                ? "promptly: the day the notification is received (the board's setting)"
                : $"promptly: {profile.InformChairs} from receiving the notification (the board's setting)";
            return Make(
                ObligationCode.D2,
                "D2",
                "Inform the Independent Chair and the Sub-group Chair of the notification",
                Role.BoardManager,
                agency: null,
                person: null,
                BoardManager,
                "the Independent Chair and the Sub-group Chair",
                start,
                profile.InformChairs.AddTo(start, calendar),
                rule,
                informed is { } i ? DateOf(i.Fact) : null);
        }

        // D3: one per partner agency; the details sent again before the agency answered moves the agreed time,
        // sent again after it answered asks for new checks.
        private IEnumerable<Obligation> RecordChecks()
        {
            var open = new Dictionary<AgencyId, (DateOnly Start, DateOnly Due, int Number)>();
            var count = new Dictionary<AgencyId, int>();
            var result = new List<Obligation>();

            Obligation Build(AgencyId agency, (DateOnly Start, DateOnly Due, int Number) o, DateOnly? metOn) => Make(
                ObligationCode.D3,
                Numbered($"D3/{agency}", o.Number),
                "Check the agency's records for the child and significant others and return the result to the Board Manager",
                Role.AgencyRepresentative,
                agency,
                person: null,
                AgencyRepresentative,
                "the Board Manager",
                o.Start,
                o.Due,
                $"within the agreed time for checks, set when the child's details were sent ({HumanDates.Format(o.Due)})",
                metOn);

            for (var i = 0; i < facts.Count; i++)
            {
                switch (facts[i])
                {
                    case ChildDetailsSentToPartners sent:
                        foreach (var agency in sent.Partners.Distinct())
                        {
                            if (open.TryGetValue(agency, out var current))
                            {
                                open[agency] = current with { Due = sent.ChecksDueBy };
                            }
                            else
                            {
                                count[agency] = count.GetValueOrDefault(agency) + 1;
                                open[agency] = (DateOf(sent), sent.ChecksDueBy, count[agency]);
                            }
                        }

                        break;
                    case RecordCheckReturned returned:
                        if (open.Remove(returned.Agency, out var answered))
                        {
                            result.Add(Build(returned.Agency, answered, DateOf(returned)));
                        }

                        break;
                }
            }

            result.AddRange(open.Select(kv => Build(kv.Key, kv.Value, null)));
            return result;
        }

        // D4: one per invited agency for each panel; due the day before the panel meets.
        private IEnumerable<Obligation> Chronologies()
        {
            var result = new List<Obligation>();
            var round = 1;
            var invited = new List<(AgencyId Agency, int At, DateOnly Start, Actor Member)>();
            DateOnly? panelDate = null;

            void Close()
            {
                if (panelDate is { } meets)
                {
                    foreach (var invite in invited)
                    {
                        var received = First<ChronologyReceived>(invite.At, c => c.Agency == invite.Agency);
                        result.Add(Make(
                            ObligationCode.D4,
                            Numbered($"D4/{invite.Agency}", round),
                            "Send a copy of the agency's chronology before the Scoping Panel",
                            Role.AgencyRepresentative,
                            invite.Agency,
                            invite.Member,
                            AgencyRepresentative,
                            "the Board Manager",
                            invite.Start,
                            meets.AddDays(-1),
                            $"before the Scoping Panel meets on {HumanDates.Format(meets)}",
                            received is { } r ? DateOf(r.Fact) : null));
                    }
                }

                invited.Clear();
                panelDate = null;
                round++;
            }

            for (var i = 0; i < facts.Count; i++)
            {
                switch (facts[i])
                {
                    case PanelMemberInvited { Agency: { } agency } invite when invited.All(x => x.Agency != agency):
                        invited.Add((agency, i, DateOf(invite), invite.Member));
                        break;
                    case ScopingPanelScheduled scheduled:
                        panelDate = LondonTime.DateOf(scheduled.Start);
                        break;
                    case ScopingPanelHeld held:
                        panelDate ??= held.HeldOn;
                        Close();
                        break;
                }
            }

            Close();
            return result;
        }

        // D5: per panel held.
        private IEnumerable<Obligation> Minutes()
        {
            foreach (var (i, held, n) in Each<ScopingPanelHeld>())
            {
                var minutes = First<MinutesCirculated>(i);
                yield return Make(
                    ObligationCode.D5,
                    Numbered("D5", n),
                    "Circulate the minutes of the Scoping Panel to every invited agency",
                    Role.BoardManager,
                    agency: null,
                    person: null,
                    BoardManager,
                    "every invited agency and its representatives",
                    held.HeldOn,
                    profile.CirculateMinutes.AddTo(held.HeldOn, calendar),
                    $"{profile.CirculateMinutes} from the Scoping Panel meeting being held",
                    minutes?.Fact.CirculatedOn);
            }
        }

        // D6
        private IEnumerable<Obligation> WrittenDecisions(CaseReferred? referred, NotifiableIncidentReported? reported)
        {
            const string title = "Give the written decision on the Scoping Panel's recommendation to the Sub-group Chair";
            const string owedTo = "the Sub-group Chair";

            if (profile.DecisionClock == DecisionClockStart.BoardNotifiedOfIncident)
            {
                var panelUnderWay = facts.Any(f => f is ScopingPanelScheduled or ScopingPanelHeld
                    or SubgroupDecided { Outcome: SubgroupOutcome.ConveneScopingPanel });
                if (referred is null || !panelUnderWay)
                {
                    yield break;
                }

                var noticed = DateOf(referred);
                if (reported is not null && reported.ReportedOn < noticed)
                {
                    noticed = reported.ReportedOn;
                }

                // One clock for the same child: the board had notice from the earlier referral it was linked to.
                if (facts.OfType<PossibleDuplicateResolved>().LastOrDefault() is { SameChild: true, OtherReferredOn: { } earlier } && earlier < noticed)
                {
                    noticed = earlier;
                }

                var decided = First<ChairDecided>(-1);
                yield return Make(
                    ObligationCode.D6,
                    "D6",
                    title,
                    Role.IndependentChair,
                    agency: null,
                    person: null,
                    IndependentChair,
                    owedTo,
                    noticed,
                    profile.WrittenDecision.AddTo(noticed, calendar),
                    $"{profile.WrittenDecision} from the board receiving notice of the incident (the board's setting)",
                    decided is { } d ? DateOf(d.Fact) : null);
                yield break;
            }

            // The sub-group recommended not to convene a Scoping Panel: the Chair's final decision is due one month from it (flow chart).
            foreach (var (i, subgroup, _) in Each<SubgroupDecided>())
            {
                if (subgroup.Outcome == SubgroupOutcome.ConveneScopingPanel)
                {
                    continue;
                }

                var start = DateOf(subgroup);
                var decided = First<ChairDecided>(i);
                yield return Make(
                    ObligationCode.D6,
                    "D6/subgroup",
                    "Give the written decision on the sub-group's recommendation not to convene a Scoping Panel to the Sub-group Chair",
                    Role.IndependentChair,
                    agency: null,
                    person: null,
                    IndependentChair,
                    owedTo,
                    start,
                    profile.WrittenDecision.AddTo(start, calendar),
                    $"{profile.WrittenDecision} from the sub-group's recommendation (flow chart: the final decision must be made within one month)",
                    decided is { } d ? DateOf(d.Fact) : null);
            }

            foreach (var (i, held, n) in Each<ScopingPanelHeld>())
            {
                DateOnly start;
                string rule;
                if (profile.DecisionClock == DecisionClockStart.MinutesReceived)
                {
                    if (First<MinutesCirculated>(i) is not { } minutes)
                    {
                        continue;
                    }

                    start = minutes.Fact.CirculatedOn;
                    rule = $"{profile.WrittenDecision} from receiving the Scoping Panel minutes (the board's setting)";
                }
                else
                {
                    start = held.HeldOn;
                    rule = $"{profile.WrittenDecision} from the Scoping Panel meeting being held";
                }

                var decided = First<ChairDecided>(i);
                yield return Make(
                    ObligationCode.D6,
                    Numbered("D6", n),
                    title,
                    Role.IndependentChair,
                    agency: null,
                    person: null,
                    IndependentChair,
                    owedTo,
                    start,
                    profile.WrittenDecision.AddTo(start, calendar),
                    rule,
                    decided is { } d ? DateOf(d.Fact) : null);
            }
        }

        // D7 and D8
        private IEnumerable<Obligation> DecisionNotifications(bool caseWasNotified)
        {
            var notReviewing = 0;
            var reviewing = 0;
            for (var i = 0; i < facts.Count; i++)
            {
                if (facts[i] is not ChairDecided decision)
                {
                    continue;
                }

                var decidedOn = DateOf(decision);
                if (decision.DecidedOption != RecommendationOption.FormalSeriousCaseReview)
                {
                    notReviewing++;

                    // Appendix B 4: notified cases (a), and cases that reached the Chair another way and in her view meet
                    // the criteria (b); never other incidents clearly outside the criteria.
                    if (!caseWasNotified && !decision.MeetsNotificationCriteriaInChairsView)
                    {
                        continue;
                    }

                    var told = First<NotificationSent>(i, s => s.Recipient == NotificationRecipient.NationalPanel);
                    yield return Make(
                        ObligationCode.D7,
                        Numbered("D7", notReviewing),
                        "Let the National Panel know of the decision not to initiate an SCR, with the incident notification and the reasons",
                        Role.IndependentChair,
                        agency: null,
                        person: null,
                        IndependentChair,
                        "the National Panel",
                        decidedOn,
                        profile.NotifyDecisionNotToReview.AddTo(decidedOn, calendar),
                        $"{profile.NotifyDecisionNotToReview} from the decision not to initiate an SCR",
                        told?.Fact.SentOn);
                    continue;
                }

                reviewing++;
                foreach (var recipient in DecisionToReviewRecipients)
                {
                    (int Index, NotificationSent Fact)? met;
                    string? note = null;
                    if (recipient == NotificationRecipient.NationalPanel)
                    {
                        // The Panel needs the name of the appointed reviewer: a notice sent before any appointment needs its follow-up.
                        var appointed = new[] { FirstIndex<ReviewerAppointed>(), FirstIndex<ReviewerCommissioned>() }.Min();
                        met = First<NotificationSent>(i, (s, at) => s.Recipient == recipient && appointed is { } first && first < at);
                        if (met is null && First<NotificationSent>(i, s => s.Recipient == recipient) is { } early)
                        {
                            note = $"Sent on {HumanDates.Format(early.Fact.SentOn)} before a reviewer was appointed: the National Panel still needs the name of the appointed reviewer.";
                        }
                    }
                    else
                    {
                        met = First<NotificationSent>(i, s => s.Recipient == recipient);
                    }

                    var (title, owedTo) = recipient switch
                    {
                        NotificationRecipient.NationalPanel => ("Notify the National Panel of the decision to initiate an SCR, with the name of the appointed reviewer", "the National Panel"),
                        NotificationRecipient.Ofsted => ("Notify Ofsted of the decision to initiate an SCR", "Ofsted"),
                        _ => ("Notify the DfE safeguarding lead of the decision to initiate an SCR", "the Department for Education"),
                    };
                    yield return Make(
                        ObligationCode.D8,
                        Numbered($"D8/{recipient}", reviewing),
                        title,
                        Role.BoardManager,
                        agency: null,
                        person: null,
                        BoardManager,
                        owedTo,
                        decidedOn,
                        profile.NotifyDecisionToReview.AddTo(decidedOn, calendar),
                        $"promptly: {profile.NotifyDecisionToReview} from the decision to initiate an SCR (the board's setting)",
                        met?.Fact.SentOn,
                        note);
                }
            }
        }

        // D9: from the decision to initiate the review (the Independent Chair's decision to hold a Serious Case Review or
        // a multi-agency learning review), not from a later date someone types. The latest such decision counts; an
        // agreed delay moves the target to its new date.
        private IEnumerable<Obligation> ReviewCompletions()
        {
            var decisions = Each<ChairDecided>()
                .Where(d => d.Fact.DecidedOption is Cases.RecommendationOption.FormalSeriousCaseReview or Cases.RecommendationOption.MultiAgencyLearningReview)
                .ToList();
            if (decisions.Count == 0)
            {
                yield break;
            }

            var (i, decided, _) = decisions[^1];
            var scr = decided.DecidedOption == Cases.RecommendationOption.FormalSeriousCaseReview;
            var words = scr ? "the SCR" : "the multi-agency learning review";
            var initiatedOn = DateOf(decided);
            var completed = First<ReviewCompleted>(i);
            var until = completed?.Index ?? facts.Count;
            var delay = facts.Skip(i + 1).Take(until - i - 1).OfType<ReviewDelayAgreed>().LastOrDefault();
            var target = profile.CompleteReview.AddTo(initiatedOn, calendar);
            var rule = $"{profile.CompleteReview} from the decision to initiate {words}" +
                (profile.ReviewCompletion == ReviewCompletionTarget.FourMonths ? " (the board's setting, after the 2006 leaflet)" : string.Empty);
            string? note = null;
            if (delay is not null)
            {
                rule += $", moved to {HumanDates.Format(delay.NewTargetDate)} by an agreed {(delay.ScopeRestriction is null ? "delay" : "delay and restriction of scope")}";
                note = $"The target was {HumanDates.Format(target)} before the delay was agreed.";
                target = delay.NewTargetDate;
            }

            yield return Make(
                ObligationCode.D9,
                "D9",
                $"Complete {words}",
                Role.BoardManager,
                agency: null,
                person: null,
                "The board (through the Board Manager)",
                "the board",
                initiatedOn,
                target,
                rule,
                completed?.Fact.CompletedOn,
                note);
        }

        // D9's agency reports: each agency's chronology and report, by the date agreed for it ("within the agreed
        // timescale provided by the Panel"); a later date agreed before it arrives moves it. Met when it is received.
        private IEnumerable<Obligation> AgencyReports()
        {
            var due = new Dictionary<AgencyId, (DateOnly Start, DateOnly Due, int Index)>();
            var order = new List<AgencyId>();
            var received = new Dictionary<AgencyId, DateOnly>();
            for (var i = 0; i < facts.Count; i++)
            {
                switch (facts[i])
                {
                    case AgencyReportDatesAgreed agreed:
                        foreach (var date in agreed.Dates.Where(d => !received.ContainsKey(d.Agency)))
                        {
                            if (!due.ContainsKey(date.Agency))
                            {
                                order.Add(date.Agency);
                            }

                            due[date.Agency] = (due.TryGetValue(date.Agency, out var was) ? was.Start : DateOf(agreed), date.DueOn, i);
                        }

                        break;
                    case AgencyReportReceived report when due.ContainsKey(report.Agency) && !received.ContainsKey(report.Agency):
                        received[report.Agency] = report.ReceivedOn;
                        break;
                }
            }

            foreach (var agency in order)
            {
                var (start, dueOn, _) = due[agency];
                yield return Make(
                    ObligationCode.D9,
                    $"D9/report/{agency}",
                    "Send the agency's chronology and report for the review by the date agreed",
                    Role.AgencyRepresentative,
                    agency,
                    person: null,
                    AgencyRepresentative,
                    "the independent reviewer",
                    start,
                    dueOn,
                    $"by the date agreed for the agency's report, {HumanDates.Format(dueOn)}",
                    received.TryGetValue(agency, out var on) ? on : null);
            }
        }

        // D10: the latest publication plan counts; a report sent at any time meets it.
        private Obligation? ReportToNationalPanel()
        {
            if (IndexOfLast<PublicationPlanned>() is not { } at || FirstIndex<DecidedNotToPublish>(at) is not null)
            {
                return null;
            }

            var plan = (PublicationPlanned)facts[at];
            var sent = First<ReportSentToNationalPanel>(-1);
            var due = profile.SendReportBeforePublication.SubtractFrom(plan.PlannedPublicationDate, calendar);
            return Make(
                ObligationCode.D10,
                "D10",
                "Send the report to the National Panel at least one week before publication",
                Role.BoardManager,
                agency: null,
                person: null,
                BoardManager,
                "the National Panel",
                DateOf(plan),
                due,
                $"at least {profile.SendReportBeforePublication} before the planned publication date, {HumanDates.Format(plan.PlannedPublicationDate)}",
                sent?.Fact.SentOn);
        }

        // D11: met when the 12 months have passed; breached when the report comes off the website before then.
        private IEnumerable<Obligation> ReportOnWebsite()
        {
            var result = new List<Obligation>();
            var n = 0;
            DateOnly? live = null;

            void Close(DateOnly published, DateOnly? removedOn)
            {
                var due = profile.KeepReportOnWebsite.AddTo(published, calendar);
                var breached = removedOn < due;
                DateOnly? metOn = !breached && (removedOn is not null || today >= due) ? due : null;
                result.Add(Make(
                    ObligationCode.D11,
                    Numbered("D11", n),
                    "Keep the report on the board's website for at least 12 months",
                    Role.BoardManager,
                    agency: null,
                    person: null,
                    "The board (through the Board Manager)",
                    "the public, through the board's website",
                    published,
                    due,
                    $"at least {profile.KeepReportOnWebsite} from publication",
                    metOn,
                    breached ? $"Taken off the website on {HumanDates.Format(removedOn!.Value)}, before the {profile.KeepReportOnWebsite} were up." : null,
                    breached ? ObligationStatus.Overdue : null));
            }

            foreach (var fact in facts)
            {
                switch (fact)
                {
                    case ReportPublished published when live is null:
                        n++;
                        live = published.PublishedOn;
                        break;
                    case ReportRemovedFromWebsite removed when live is { } since:
                        Close(since, removed.RemovedOn);
                        live = null;
                        break;
                }
            }

            if (live is { } stillUp)
            {
                Close(stillUp, null);
            }

            return result;
        }

        // D12: after each sub-group meeting, an update on every open action by the next meeting: its planned date, or,
        // when none was set, the day it was held. The same reading as the escalation rule (ActionEscalation): a
        // meeting whose D12 was not met by the next meeting is a meeting without an update.
        private IEnumerable<Obligation> ActionPlanUpdates()
        {
            var actions = new List<ActionPlanRecommendationAdded>();
            var completed = new HashSet<string>(StringComparer.Ordinal);
            var endorsed = false;
            for (var i = 0; i < facts.Count; i++)
            {
                switch (facts[i])
                {
                    case ActionPlanRecommendationAdded added when actions.All(a => a.ActionId != added.ActionId):
                        actions.Add(added);
                        break;
                    case ActionUpdateReported { Completed: true } update:
                        completed.Add(update.ActionId);
                        break;
                    case ActionPlanEndorsed:
                        endorsed = true;
                        break;
                    case SubgroupMeetingHeld meeting when !endorsed && (meeting.NextMeeting ?? NextMeetingHeld(i)) is { } next:
                        foreach (var action in actions.Where(a => !completed.Contains(a.ActionId)))
                        {
                            var update = First<ActionUpdateReported>(i, u => u.ActionId == action.ActionId);
                            yield return Make(
                                ObligationCode.D12,
                                $"D12/{action.ActionId}/{meeting.HeldOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
                                "Give an update on progress against the action plan recommendation at the next sub-group meeting",
                                Role.AgencyRepresentative,
                                action.Owner,
                                person: null,
                                "The owner agency's representative",
                                "the SCR Sub-group, through the Board Manager",
                                meeting.HeldOn,
                                next,
                                $"by the next sub-group meeting, {HumanDates.Format(next)}",
                                update is { } u ? DateOf(u.Fact) : null);
                        }

                        break;
                }
            }
        }

        /// <summary>Every fact of type T in the order recorded: its position, and which one of its kind it is (1, 2, ...).</summary>
        private IEnumerable<(int Index, T Fact, int Number)> Each<T>()
            where T : CaseEvent
        {
            var n = 0;
            for (var i = 0; i < facts.Count; i++)
            {
                if (facts[i] is T fact)
                {
                    yield return (i, fact, ++n);
                }
            }
        }

        /// <summary>The day the next sub-group meeting after position <paramref name="after"/> was held, unless the plan was endorsed first.</summary>
        private DateOnly? NextMeetingHeld(int after)
        {
            for (var i = after + 1; i < facts.Count; i++)
            {
                switch (facts[i])
                {
                    case ActionPlanEndorsed:
                        return null;
                    case SubgroupMeetingHeld next:
                        return next.HeldOn;
                }
            }

            return null;
        }

        private Obligation Make(
            ObligationCode code,
            string key,
            string title,
            Role ownerRole,
            AgencyId? agency,
            Actor? person,
            string owner,
            string owedTo,
            DateOnly start,
            DateOnly due,
            string rule,
            DateOnly? metOn,
            string? note = null,
            ObligationStatus? status = null) => new()
            {
                Code = code,
                Key = key,
                Title = title,
                OwnerRole = ownerRole,
                OwnerAgency = agency,
                OwnerPerson = person ?? RoleHolder(ownerRole, agency),
                Owner = owner,
                OwedTo = owedTo,
                StartsOn = start,
                DueOn = due,
                Rule = rule,
                Status = status ?? (metOn is not null ? ObligationStatus.Met : today > due ? ObligationStatus.Overdue : ObligationStatus.Open),
                MetOn = status is null ? metOn : null,
                Note = note,
            };

        /// <summary>Who holds the role on the case now; an agency's representative only when the agency is known.</summary>
        private Actor? RoleHolder(Role role, AgencyId? agency)
        {
            if (role == Role.AgencyRepresentative && agency is null)
            {
                return null;
            }

            return roles.FirstOrDefault(r => r.Role == role && (agency is null || r.Agency == agency))?.Person;
        }

        private static List<CaseRole> CurrentRoles(IReadOnlyList<CaseEvent> facts)
        {
            var roles = new List<CaseRole>();
            foreach (var fact in facts)
            {
                switch (fact)
                {
                    case CaseRoleAssigned assigned:
                        roles.Add(new CaseRole(assigned.Person, assigned.Role, assigned.Agency));
                        break;
                    case CaseRoleRemoved removed:
                        roles.RemoveAll(r => r.Person.Id == removed.Person && r.Role == removed.Role);
                        break;
                }
            }

            return roles;
        }

        private static DateOnly DateOf(CaseEvent fact) => LondonTime.DateOf(fact.At);

        private static string Numbered(string key, int n) =>
            n == 1 ? key : string.Create(CultureInfo.InvariantCulture, $"{key}/{n}");

        /// <summary>The first fact of type T recorded after position <paramref name="after"/> (-1: anywhere).</summary>
        private (int Index, T Fact)? First<T>(int after, Func<T, bool>? where = null)
            where T : CaseEvent => First(after, where is null ? null : new Func<T, int, bool>((t, _) => where(t)));

        private (int Index, T Fact)? First<T>(int after, Func<T, int, bool>? where)
            where T : CaseEvent
        {
            for (var i = after + 1; i < facts.Count; i++)
            {
                if (facts[i] is T fact && (where is null || where(fact, i)))
                {
                    return (i, fact);
                }
            }

            return null;
        }

        /// <summary>The position of the first fact of type T recorded after position <paramref name="after"/> (-1: anywhere).</summary>
        private int? FirstIndex<T>(int after = -1)
            where T : CaseEvent => First<T>(after)?.Index;

        private int? IndexOfLast<T>()
            where T : CaseEvent
        {
            for (var i = facts.Count - 1; i >= 0; i--)
            {
                if (facts[i] is T)
                {
                    return i;
                }
            }

            return null;
        }
    }
}
