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
    public static Outcome AddActionPlanRecommendation(CaseState state, CommandContext context, string recommendation, AgencyId owner, DateOnly due)
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

        if (problems.Count > 0)
        {
            return Refuse(problems.Select(p => new Refusal(p)).ToList());
        }

        var id = string.Create(CultureInfo.InvariantCulture, $"A{state.Actions.Count + 1}");
        return Accept(new ActionPlanRecommendationAdded(id, recommendation.Trim(), owner, due) { At = context.Now, By = context.Actor });
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
        var escalations = ActionEscalation.Due(after, context.Directory)
            .Select(e => new ActionEscalated(e.ActionId, e.Level, e.RaisedBy) { At = context.Now, By = context.Actor });
        return Accept([meeting, .. escalations]);
    }

    /// <summary>The owner agency's representative reports progress on an action (and whether it is complete).</summary>
    public static Outcome ReportActionUpdate(CaseState state, CommandContext context, string actionId, string progress, bool completed)
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

        return Accept(new ActionUpdateReported(action.ActionId, action.Owner, progress.Trim(), completed) { At = context.Now, By = context.Actor });
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

        if (state.Stage == Stage.ActionPlan && state.ActionPlanEndorsedOn is null)
        {
            return Refuse("The case cannot be closed before its action plan has been endorsed.");
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
}
