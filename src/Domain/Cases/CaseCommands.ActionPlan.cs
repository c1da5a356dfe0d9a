using System.Globalization;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Referral;

namespace ScrBot.Domain.Cases;

public static partial class CaseCommands
{
    // ── Stage 10: the action plan ─────────────────────────────────────────────────────────────────────────

    /// <summary>
    /// A SMART recommendation joins the action plan, with an owner agency and a due date. Its id ("A1", "A2", …) is given
    /// here, in order.
    /// </summary>
    public static Outcome AddActionPlanRecommendation(CaseState state, CommandContext context, string recommendation, AgencyId owner, DateOnly due, string? outcome = null, string? evidence = null)
    {
        if (Check(state, context,
                "add a recommendation to the action plan",
                "A recommendation cannot be added to the action plan",
                AfterCompletion,
                [Who.BoardManager, Who.SubgroupChair],
                Stage.ReportAndPublication, Stage.ActionPlan) is { } refused)
        {
            return refused;
        }

        if (state.ActionPlanEndorsedOn is not null)
        {
            return Refuse("The action plan has already been endorsed, so no recommendation can be added.");
        }

        var problems = new List<string>();
        if (TextProblem(recommendation, "The recommendation") is { } missing)
        {
            problems.Add(missing);
        }

        if (AgencyOf(state, context.Directory, owner) is null)
        {
            problems.Add($"Agency '{owner.Value}' is not one of the agencies of this case's boards.");
        }

        if (due <= context.Today)
        {
            problems.Add($"The due date ({Refusals.DateWords(due)}) must be after today.");
        }

        // SMART: given from a card, the intended outcome and the evidence of completion are both required.
        if (outcome is not null || evidence is not null)
        {
            if (TextProblem(outcome, "The intended outcome") is { } noOutcome)
            {
                problems.Add(noOutcome);
            }

            if (TextProblem(evidence, "The evidence of completion") is { } noEvidence)
            {
                problems.Add(noEvidence);
            }
        }

        if (problems.Count > 0)
        {
            return Refuse(problems.Select(p => new Refusal(p)).ToList());
        }

        var id = string.Create(CultureInfo.InvariantCulture, $"A{state.Actions.Count + 1}");
        return Accept(new ActionPlanRecommendationAdded(id, recommendation.Trim(), owner, due, outcome?.Trim(), evidence?.Trim()) { At = context.Now, By = context.Actor });
    }

    /// <summary>
    /// A sub-group meeting at which action-plan progress is reported (D12). Recording it applies the escalation rule:
    /// the escalations it calls for are produced with the meeting.
    /// </summary>
    public static Outcome RecordActionPlanMeeting(CaseState state, CommandContext context, DateOnly heldOn, DateOnly? nextMeeting)
    {
        if (Check(state, context,
                "record a sub-group meeting on the action plan",
                "A sub-group meeting on the action plan cannot be recorded",
                AfterCompletion,
                [Who.BoardManager, Who.SubgroupChair],
                Stage.ReportAndPublication, Stage.ActionPlan) is { } refused)
        {
            return refused;
        }

        if (state.Actions.Count == 0)
        {
            return Refuse("A sub-group meeting on the action plan cannot be recorded before the action plan has any recommendations.");
        }

        if (state.ActionPlanEndorsedOn is not null)
        {
            return Refuse("The action plan has already been endorsed.");
        }

        if (NotInFuture(heldOn, "The date of the sub-group meeting", context) is { } future)
        {
            return Refuse(future);
        }

        if (state.ActionPlanMeetings.LastOrDefault() is { } last && heldOn < last.HeldOn)
        {
            return Refuse($"The sub-group meeting ({Refusals.DateWords(heldOn)}) is dated before the last one recorded ({Refusals.DateWords(last.HeldOn)}).");
        }

        if (nextMeeting is { } next && next <= heldOn)
        {
            return Refuse($"The next sub-group meeting ({Refusals.DateWords(next)}) must be after this one ({Refusals.DateWords(heldOn)}).");
        }

        var meeting = new SubgroupMeetingHeld(heldOn, nextMeeting) { At = context.Now, By = context.Actor };
        var after = state.Apply(meeting);
        var facts = new List<CaseEvent> { meeting };
        foreach (var due in ActionEscalation.Due(after, context.Directory))
        {
            facts.Add(new ActionEscalated(due.ActionId, due.Level, due.RaisedBy) { At = context.Now, By = context.Actor });
            if (due.Level == EscalationLevel.ExecutiveGroup)
            {
                facts.AddRange(AskForTimescales(state, context, due));
            }
        }

        return Accept(facts);
    }

    /// <summary>
    /// With an escalation to the Executive Group: the request for timescales to the owner agency's SCR lead and its lead
    /// board member, as the board's directory names them. Each is given a role on the case (for this agency), so that
    /// they may answer; a role the directory names nobody in is kept with the request, for the Board Manager.
    /// </summary>
    private static IEnumerable<CaseEvent> AskForTimescales(CaseState state, CommandContext context, EscalationDue due)
    {
        var asked = new List<(Actor Person, Role Role)>();
        var notNamed = new List<Role>();
        foreach (var role in new[] { Role.AgencyScrLead, Role.AgencyLeadBoardMember })
        {
            var named = ActionEscalation.LeadsOf(state, context.Directory, due.Owner, role);
            if (named.Count == 0)
            {
                notNamed.Add(role);
            }

            asked.AddRange(named.Select(p => (p, role)));
        }

        foreach (var (person, role) in asked.Where(a => !state.Roles.Any(r => r.Person.Id == a.Person.Id && r.Role == a.Role && r.Agency == due.Owner)))
        {
            yield return new CaseRoleAssigned(person, role, due.Owner) { At = context.Now, By = context.Actor };
        }

        yield return new TimescalesRequested(due.ActionId, due.Owner, [.. asked.Select(a => a.Person).DistinctBy(p => p.Id)], notNamed) { At = context.Now, By = context.Actor };
    }

    /// <summary>
    /// The owner agency's SCR lead or lead board member, asked for timescales when the action was escalated to the
    /// Executive Group, gives the date by which it will be complete and how.
    /// </summary>
    public static Outcome GiveTimescales(CaseState state, CommandContext context, string actionId, DateOnly completeBy, string details)
    {
        var request = state.TimescaleRequests.LastOrDefault(r => r.ActionId == actionId);
        var asked = new Who(
            "the agency's SCR lead or its lead board member, asked for timescales",
            (s, c) => request is not null && request.Asked.Any(p => p.Id == c.Actor.Id));
        if (Check(state, context,
                "give timescales for this action",
                "Timescales cannot be given",
                AfterCompletion,
                [asked],
                Stage.ReportAndPublication, Stage.ActionPlan) is { } refused)
        {
            return refused;
        }

        if (state.Action(actionId) is not { } action || request is null)
        {
            return Refuse($"Action {actionId} has not been escalated to the Executive Group, so no timescales were asked for.");
        }

        if (request.GivenBy is { } given)
        {
            return Refuse($"The timescales for {actionId} were already given by {given.Name}.");
        }

        if (action.Completed)
        {
            return Refuse($"Action {actionId} is already complete.");
        }

        var problems = new List<Refusal>();
        if (completeBy < context.Today)
        {
            problems.Add(new Refusal($"The date the action will be complete ({Refusals.DateWords(completeBy)}) is in the past."));
        }

        if (TextProblem(details, "How and when it will be completed") is { } noDetails)
        {
            problems.Add(new Refusal(noDetails));
        }

        if (problems.Count > 0)
        {
            return Refuse(problems);
        }

        return Accept(new TimescalesGiven(actionId, action.Owner, completeBy, details.Trim()) { At = context.Now, By = context.Actor });
    }

    /// <summary>The owner agency's representative reports progress on an action (and whether it is complete).</summary>
    public static Outcome ReportActionUpdate(CaseState state, CommandContext context, string actionId, string progress, bool completed, string? evidence = null)
    {
        var action = state.Action(actionId);
        var owner = action?.Owner;
        Who[] who = owner is { } agency ? [Who.RepresentativeOf(agency, AgencyName(state, context, agency))] : [Who.AnyAgencyRepresentative];
        if (Check(state, context,
                "report progress on this action",
                "Progress on the action plan cannot be reported",
                AfterCompletion,
                who,
                Stage.ReportAndPublication, Stage.ActionPlan) is { } refused)
        {
            return refused;
        }

        if (action is null)
        {
            return Refuse($"There is no action {actionId} on this case's action plan.");
        }

        if (action.Completed)
        {
            return Refuse($"Action {action.ActionId} is already complete.");
        }

        if (TextProblem(progress, "The progress made") is { } problem)
        {
            return Refuse(problem);
        }

        if (completed && evidence is not null && TextProblem(evidence, "The evidence of completion") is { } noEvidence)
        {
            return Refuse(noEvidence);
        }

        if (OptionalTextProblem(evidence, "The evidence of completion") is { } longEvidence)
        {
            return Refuse(longEvidence);
        }

        return Accept(new ActionUpdateReported(action.ActionId, action.Owner, progress.Trim(), completed, string.IsNullOrWhiteSpace(evidence) ? null : evidence.Trim()) { At = context.Now, By = context.Actor });
    }

    /// <summary>
    /// The Sub-group Chair (the Vice-Chair, as deputy, when the owner agency's representative is the Sub-group Chair)
    /// raises an escalation at the Executive Group, asking the agency's SCR lead and lead board member for timescales,
    /// or reports it as an exception at the Board.
    /// </summary>
    public static Outcome RaiseEscalation(CaseState state, CommandContext context, string actionId, EscalationLevel level, DateOnly raisedOn)
    {
        if (Check(state, context,
                "raise an escalation of the action plan",
                "The escalation cannot be raised",
                AfterCompletion,
                [Who.SubgroupChair, Who.SubgroupViceChair],
                Stage.ReportAndPublication, Stage.ActionPlan) is { } refused)
        {
            return refused;
        }

        if (state.Action(actionId) is not { } action)
        {
            return Refuse($"There is no action {actionId} on this case's action plan.");
        }

        if (!action.Escalations.Contains(level) || level == EscalationLevel.None)
        {
            return Refuse($"Action {actionId} has not been escalated to {(level == EscalationLevel.ExceptionAtBoard ? "the Board" : "the Executive Group")}.");
        }

        if (action.Raised.Contains(level))
        {
            return Refuse($"The escalation of {actionId} was already raised.");
        }

        var (raiser, _) = ActionEscalation.WhoRaises(state, context.Directory, action.Owner);
        if (raiser is not null && raiser.Id != context.Actor.Id)
        {
            return Refuse($"{raiser.Name} raises this escalation (the deputy chair raises it when the agency's representative is the Sub-group Chair).");
        }

        if (NotInFuture(raisedOn, "The date it was raised", context) is { } future)
        {
            return Refuse(future);
        }

        return Accept(new EscalationRaised(actionId, level, raisedOn) { At = context.Now, By = context.Actor });
    }

    /// <summary>The Sub-group Chair has reviewed the evidence of completion of every action.</summary>
    public static Outcome ReviewActionPlanEvidence(CaseState state, CommandContext context, DateOnly reviewedOn)
    {
        if (Check(state, context,
                "record that the evidence of completion was reviewed",
                "The evidence cannot be recorded as reviewed",
                "the report has been published or a decision not to publish it has been made",
                [Who.SubgroupChair],
                Stage.ActionPlan) is { } refused)
        {
            return refused;
        }

        if (state.Actions.Count == 0)
        {
            return Refuse("The action plan has no recommendations yet.");
        }

        var outstanding = state.Actions.Where(a => !a.Completed).Select(a => $"{a.ActionId} ({AgencyName(state, context, a.Owner)})").ToList();
        if (outstanding.Count > 0)
        {
            return Refuse($"The evidence is reviewed once every action is complete; outstanding: {Refusals.Both(outstanding)}.");
        }

        if (NotInFuture(reviewedOn, "The date the evidence was reviewed", context) is { } future)
        {
            return Refuse(future);
        }

        return Accept(new ActionPlanEvidenceReviewed(reviewedOn) { At = context.Now, By = context.Actor });
    }

    /// <summary>The completed action plan is endorsed by the Executive Group and the Board (recorded by the Board Manager).</summary>
    public static Outcome EndorseActionPlan(CaseState state, CommandContext context, DateOnly endorsedOn)
    {
        if (Check(state, context,
                "record the endorsement of the action plan",
                "The action plan cannot be endorsed",
                "the report has been published or a decision not to publish it has been made",
                [Who.BoardManager],
                Stage.ActionPlan) is { } refused)
        {
            return refused;
        }

        if (state.ActionPlanEndorsedOn is { } already)
        {
            return Refuse($"The action plan was already endorsed on {Refusals.DateWords(already)}.");
        }

        if (state.Actions.Count == 0)
        {
            return Refuse("The action plan cannot be endorsed because it has no recommendations.");
        }

        var outstanding = state.Actions.Where(a => !a.Completed).Select(a => $"{a.ActionId} ({AgencyName(state, context, a.Owner)})").ToList();
        if (outstanding.Count > 0)
        {
            return Refuse($"The action plan cannot be endorsed while actions are outstanding: {Refusals.Both(outstanding)}.");
        }

        if (state.ActionPlanEvidenceReviewedOn is null)
        {
            return Refuse("The Sub-group Chair reviews the evidence of completion before the Executive Group and the Board endorse the plan.");
        }

        if (NotInFuture(endorsedOn, "The date the action plan was endorsed", context) is { } future)
        {
            return Refuse(future);
        }

        return Accept(new ActionPlanEndorsed(endorsedOn) { At = context.Now, By = context.Actor });
    }

    // ── Closing ───────────────────────────────────────────────────────────────────────────────────────────

    /// <summary>
    /// The Board Manager closes the case: after the action plan is endorsed, or after a decision not to hold a Serious
    /// Case Review once the referrer (and, for an incident notified to Ofsted, the National Panel) has been told.
    /// </summary>
    public static Outcome CloseCase(CaseState state, CommandContext context, string reason)
    {
        if (Check(state, context,
                "close a case",
                "The case cannot be closed",
                AfterDecision,
                [Who.BoardManager],
                Stage.AfterDecision, Stage.ActionPlan) is { } refused)
        {
            return refused;
        }

        if (state.Stage == Stage.ActionPlan)
        {
            var open = StillOpenBeforeClosing(state);
            if (open.Count > 0)
            {
                return Refuse(open.Select(o => new Refusal($"The case cannot be closed: {o}.")).ToList());
            }
        }

        if (state.Stage == Stage.AfterDecision)
        {
            if (state.DecidedOption == RecommendationOption.FormalSeriousCaseReview)
            {
                return Refuse("A case with a decision to hold a Serious Case Review closes after its action plan has been endorsed.");
            }

            var missing = new List<string>();
            if (!state.WasNotified(NotificationRecipient.Referrer))
            {
                missing.Add(Refusals.RecipientWords(NotificationRecipient.Referrer));
            }

            if (state.IsNotifiableIncident && !state.WasNotified(NotificationRecipient.NationalPanel))
            {
                missing.Add(Refusals.RecipientWords(NotificationRecipient.NationalPanel));
            }

            if (missing.Count > 0)
            {
                return Refuse($"The case cannot be closed before {Refusals.Both(missing)} {(missing.Count == 1 ? "has" : "have")} been told of the decision.");
            }
        }

        if (TextProblem(reason, "The reason for closing", FormLimits.Details) is { } problem)
        {
            return Refuse(problem);
        }

        return Accept(new CaseClosed(reason.Trim()) { At = context.Now, By = context.Actor });
    }

    /// <summary>The statutory steps still open that stop a case being closed, in words.</summary>
    public static IReadOnlyList<string> StillOpenBeforeClosing(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var open = new List<string>();
        if (state.ActionPlanEndorsedOn is null)
        {
            open.Add("its action plan has not been endorsed by the Executive Group and the Board");
        }

        if (state.NotPublishedReasons is null)
        {
            if (state.ReportSentToNationalPanelOn is null)
            {
                open.Add("the report has not been sent to the National Panel");
            }

            if (state.ReportPublishedOn is null)
            {
                open.Add("the report has not been published");
            }
            else if (state.ReportSentToLibraryOn is null)
            {
                open.Add("no copy of the report has gone to the NSPCC National SCR Library");
            }
        }
        else if (state.NationalPanelAdvice is null)
        {
            open.Add("the National Panel's advice on the decision not to publish has not been recorded");
        }

        return open;
    }

    /// <summary>What a case still owes once closed (the report kept online for at least 12 months), in words.</summary>
    public static IReadOnlyList<string> StillOwedAfterClosing(CaseState state, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.ReportPublishedOn is { } published && state.ReportRemovedOn is null && today < published.AddMonths(12))
        {
            return [$"the report stays on the board's website until at least {Refusals.DateWords(published.AddMonths(12))}, then is available on request"];
        }

        return [];
    }
}
