using System.Globalization;
using ScrBot.Bot.Conversations;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Stages.ActionPlan;

/// <summary>
/// Stage 10, the action plan (toolkit, Appendix C no. 14, "Learning Review Action Plan &amp; Escalation Process"): the
/// Sub-group Chair draws up SMART recommendations (owner agency, action, intended outcome, due date, evidence of
/// completion); the Board Manager records each sub-group meeting, and each owner agency then gets a card asking for its
/// update (D12), given on the card. Two consecutive meetings without an update escalate the action to the Executive
/// Group, where the Sub-group Chair (the deputy when the agency's representative is the Sub-group Chair) raises it and
/// asks the agency's SCR lead and lead board member for timescales (each gets a card to give them; the Board Manager
/// is told when the board's directory names nobody); still outstanding, it is an exception at the Board.
/// The Sub-group Chair reviews the evidence, the Executive Group and the Board endorse the plan, and the Board Manager
/// closes the case once nothing statutory is open.
/// </summary>
public sealed class ActionPlanSteps : IStageSteps
{
    public const string Draw = "plan/draw";
    public const string Meeting = "plan/meeting";
    public const string UpdatePrefix = "plan/update/";
    public const string EscalationPrefix = "plan/escalation/";
    public const string TimescalesPrefix = "plan/timescales/";
    public const string Evidence = "plan/evidence";
    public const string Endorse = "plan/endorse";
    public const string Close = "plan/close";

    public IEnumerable<CaseStep> Steps(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var state = view.State;
        if (state.ReviewCompletedOn is null)
        {
            yield break;
        }

        var managers = view.WithRole(Role.BoardManager);
        var chairs = view.WithRole(Role.SubgroupChair);
        var planning = state.Stage is Stage.ReportAndPublication or Stage.ActionPlan && state.ActionPlanEndorsedOn is null;

        yield return new CaseStep(Draw, "Draw up the action plan", chairs, null,
            Open: planning && state.ActionPlanMeetings.Count == 0, view.Last<ActionPlanRecommendationAdded>(), ActionPlanCards.Draw);

        if (state.Actions.Count == 0)
        {
            yield break;
        }

        yield return new CaseStep(Meeting, "Record a sub-group meeting on the action plan", managers, state.ActionPlanMeetings.LastOrDefault()?.NextMeeting,
            Open: planning && state.Actions.Any(a => !a.Completed), view.Last<SubgroupMeetingHeld>(), ActionPlanCards.Meeting);

        foreach (var action in state.Actions)
        {
            // One card per action after each meeting: asked at the meeting, answered by the next (D12).
            var asked = state.ActionPlanMeetings.Where(m => m.Sequence > action.AddedSequence).ToList();
            foreach (var meeting in asked)
            {
                var key = UpdateKey(action.ActionId, meeting.HeldOn);
                var next = asked.FirstOrDefault(m => m.Sequence > meeting.Sequence);
                var answered = action.Updates.FirstOrDefault(u => u.Sequence > meeting.Sequence && (next is null || u.Sequence < next.Sequence));
                var isLatest = meeting == asked[^1];
                yield return new CaseStep(key, $"Give the update on {action.ActionId}", view.AgencyRepresentatives(action.Owner),
                    view.DueOf($"D12/{action.ActionId}/{meeting.HeldOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"),
                    Open: planning && isLatest && !action.Completed && answered is null && !action.Updates.Any(u => u.Sequence > meeting.Sequence),
                    answered is null ? null : new StepDone(answered.By, answered.At),
                    ActionPlanCards.Update);
            }

            foreach (var level in action.Escalations.Distinct())
            {
                var (raiser, _) = ActionEscalation.WhoRaises(state, view.Directory, action.Owner);
                yield return new CaseStep(EscalationPrefix + action.ActionId + "/" + level,
                    level == EscalationLevel.ExceptionAtBoard ? $"Report {action.ActionId} as an exception at the Board" : $"Raise {action.ActionId} at the Executive Group",
                    raiser is null ? chairs : [raiser], null,
                    Open: planning && !action.Raised.Contains(level),
                    view.Last<EscalationRaised>(e => e.ActionId == action.ActionId && e.Level == level),
                    ActionPlanCards.Escalation);
            }
        }

        // The request for timescales to the owner agency's SCR lead and lead board member, sent with the escalation to
        // the Executive Group: either of them answers; a later update completing the action ends it.
        foreach (var request in state.TimescaleRequests)
        {
            var action = state.Action(request.ActionId);
            yield return new CaseStep(TimescalesKey(request), $"Give timescales for {request.ActionId}", request.Asked, null,
                Open: planning && request.GivenAt is null && action is { Completed: false },
                request is { GivenBy: { } by, GivenAt: { } at } ? new StepDone(by, at) : null,
                ActionPlanCards.Timescales);
        }

        var allDone = state.Actions.All(a => a.Completed);
        yield return new CaseStep(Evidence, "Review the evidence of completion", chairs, null,
            Open: allDone && state.Stage == Stage.ActionPlan && state.ActionPlanEvidenceReviewedOn is null, view.Last<ActionPlanEvidenceReviewed>(), ActionPlanCards.Evidence);

        if (state.ActionPlanEvidenceReviewedOn is not null)
        {
            yield return new CaseStep(Endorse, "Record the endorsement of the action plan", managers, null,
                Open: state.Stage == Stage.ActionPlan && state.ActionPlanEndorsedOn is null, view.Last<ActionPlanEndorsed>(), ActionPlanCards.Endorse);
        }

        if (state.ActionPlanEndorsedOn is not null)
        {
            yield return new CaseStep(Close, "Close the case", managers, null,
                Open: state.Stage == Stage.ActionPlan, view.Last<CaseClosed>(), ActionPlanCards.Close);
        }
    }

    /// <summary><c>plan/timescales/A2/1</c>: the first request for timescales on A2.</summary>
    public static string TimescalesKey(TimescaleRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return TimescalesPrefix + request.ActionId + "/" + request.Number.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The request for timescales a step is for.</summary>
    public static TimescaleRequest? TimescalesOf(CaseState state, string stepKey)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.TimescaleRequests.FirstOrDefault(r => TimescalesKey(r) == stepKey);
    }

    public static string UpdateKey(string actionId, DateOnly meeting) =>
        UpdatePrefix + actionId + "/" + meeting.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The action a step is for (<c>plan/update/A2/2027-01-15</c> → <c>A2</c>).</summary>
    public static string ActionOf(string stepKey) => stepKey.Split('/')[2];

    /// <summary>The level an escalation step is for.</summary>
    public static EscalationLevel LevelOf(string stepKey) =>
        Enum.TryParse<EscalationLevel>(stepKey.Split('/')[^1], out var level) ? level : EscalationLevel.None;
}
