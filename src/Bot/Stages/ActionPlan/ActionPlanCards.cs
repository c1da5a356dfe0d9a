using System.Globalization;
using System.Text.Json.Nodes;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Conversations;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.ActionPlan;

/// <summary>The task cards of stage 10, the action plan, and closing the case.</summary>
public static class ActionPlanCards
{
    public const string AddVerb = "plan.add";
    public const string MeetingVerb = "plan.meeting";
    public const string UpdateVerb = "plan.update";
    public const string RaiseVerb = "plan.raise";
    public const string EvidenceVerb = "plan.evidence";
    public const string EndorseVerb = "plan.endorse";
    public const string CloseVerb = "plan.close";
    public const string TimescalesVerb = "plan.timescales";

    public const string AgencyInput = "owner";
    public const string ActionInput = "action";
    public const string OutcomeInput = "outcome";
    public const string DueInput = "due";
    public const string EvidenceInput = "evidence";
    public const string DateInput = "date";
    public const string NextInput = "next";
    public const string ProgressInput = "progress";
    public const string CompletedInput = "completed";
    public const string ReasonInput = "reason";
    public const string ActionKey = "actionId";
    public const string CompleteByInput = "completeBy";
    public const string TimescalesInput = "timescales";

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Line(CaseView view, ActionPlanItem a, int? limit) =>
        $"{a.ActionId} · {view.AgencyName(a.Owner)} · due {Words.Date(a.Due)} · {CardBudget.Shorten(a.Recommendation, limit)}"
        + (a.Completed ? " · complete" : a.Updates.Count > 0 ? " · updated" : "")
        + (a.Escalations.Count > 0 ? $" · escalated: {string.Join(", ", a.Escalations.Distinct().Select(Level))}" : "");

    public static string Level(EscalationLevel level) => level == EscalationLevel.ExceptionAtBoard ? "an exception at the Board" : "the Executive Group";

    /// <summary>The plan, one line per recommendation (shortened to <paramref name="limit"/> when the card would not fit).</summary>
    private static JsonObject Plan(CaseView view, int? limit) =>
        view.State.Actions.Count == 0 ? Text("No recommendations yet.", subtle: true) : Bullets(view.State.Actions.Select(a => Line(view, a, limit)));

    /// <summary>The Sub-group Chair adds SMART recommendations, one at a time.</summary>
    public static JsonObject Draw(StepView view)
    {
        var state = view.Case.State;
        var agencies = new[] { state.LeadBoard }.Concat(state.CooperatingBoards)
            .SelectMany(b => view.Case.Directory.Find(b)?.Agencies ?? [])
            .DistinctBy(a => a.Id).Select(a => (a.Name, a.Id.Value)).ToList();
        return TaskCard.Build(
            view,
            [("Review", state.DecidedOption == RecommendationOption.MultiAgencyLearningReview ? "Multi-agency learning review" : "Serious Case Review")],
            limit =>
            [
                Subheading("The action plan so far"),
                Plan(view.Case, limit),
                Subheading("Add a SMART recommendation", separator: true),
                Choices(AgencyInput, "Owner agency", agencies, "", required: true, expanded: false),
                TextInput(ActionInput, "Action", "", 2000, required: true, multiline: true),
                TextInput(OutcomeInput, "Intended outcome", "", 2000, required: true, multiline: true),
                DateInput(DueInput, "Due date", "", required: true),
                TextInput(EvidenceInput, "Evidence of completion", "", 2000, required: true, multiline: true),
                Text("The plan is complete for now once the Board Manager records the first sub-group meeting on it.", subtle: true),
            ],
            [Execute("Add the recommendation", AddVerb, TaskCard.Data(view), style: "positive")],
            "The toolkit, Action plans (Appendix C no. 14)",
            confidential: false);
    }

    /// <summary>The Board Manager records a sub-group meeting: each owner agency is then asked for its update.</summary>
    public static JsonObject Meeting(StepView view) => TaskCard.Build(
        view,
        [("Meetings so far", view.Case.State.ActionPlanMeetings.Count.ToString(CultureInfo.InvariantCulture))],
        limit =>
        [
            Plan(view.Case, limit),
            DateInput(DateInput, "Date of the sub-group meeting", Iso(view.Case.Today), required: true, max: view.Case.Today),
            DateInput(NextInput, "Date of the next sub-group meeting (if set)", ""),
            Text("Each owner agency of an open action gets a card asking for its update by the next meeting. Two meetings in a row without one escalate the action to the Executive Group; a third, to the Board.", subtle: true),
        ],
        [Execute("Record the meeting", MeetingVerb, TaskCard.Data(view), style: "positive")],
        "The toolkit, Learning Review Action Plan & Escalation Process",
        confidential: false);

    /// <summary>The owner agency's update on one action, given on the card.</summary>
    public static JsonObject Update(StepView view)
    {
        var id = ActionPlanSteps.ActionOf(view.Step.Key);
        var action = view.Case.State.Action(id);
        var facts = new List<(string, string)>();
        if (action is not null)
        {
            facts.Add(("Agency", view.Case.AgencyName(action.Owner)));
            facts.Add(("Action", action.Recommendation));
            facts.Add(("Intended outcome", action.Outcome ?? ""));
            facts.Add(("Due", Words.Date(action.Due)));
            facts.Add(("Evidence of completion", action.Evidence ?? ""));
        }

        var body = new List<JsonNode?>();
        if (action is { Escalations.Count: > 0 })
        {
            body.Add(Attention($"Escalated to {string.Join(", then ", action.Escalations.Distinct().Select(Level))} for want of an update: give your timescales with your update."));
        }

        body.Add(TextInput(ProgressInput, "Progress (and timescales)", "", 4000, required: true, multiline: true));
        body.Add(Toggle(CompletedInput, "Complete", "The action is complete", "false"));
        body.Add(TextInput(EvidenceInput, "Evidence of completion (when complete)", "", 2000, multiline: true));
        return TaskCard.Build(view, facts, body,
            [Execute("Give the update", UpdateVerb, TaskCard.Data(view, new JsonObject { [ActionKey] = id }), style: "positive")],
            "The SCR Sub-group, at its meeting", confidential: false);
    }

    /// <summary>The Sub-group Chair (or the deputy) raises an escalation at the Executive Group or the Board.</summary>
    public static JsonObject Escalation(StepView view)
    {
        var id = ActionPlanSteps.ActionOf(view.Step.Key);
        var level = ActionPlanSteps.LevelOf(view.Step.Key);
        var action = view.Case.State.Action(id);
        var text = level == EscalationLevel.ExceptionAtBoard
            ? "Still outstanding after the escalation: report it as an exception at the Board."
            : "No update at two consecutive sub-group meetings: raise it at the Executive Group, and ask the agency's SCR lead and its lead board member for timescales.";
        var facts = new List<(string, string)>();
        if (action is not null)
        {
            facts.AddRange([("Agency", view.Case.AgencyName(action.Owner)), ("Action", action.Recommendation), ("Due", Words.Date(action.Due))]);
            if (level == EscalationLevel.ExecutiveGroup && view.Case.State.TimescaleRequests.LastOrDefault(r => r.ActionId == id) is { } request)
            {
                facts.Add(("Timescales asked of", Asked(request)));
            }
        }

        return TaskCard.Build(
            view,
            facts,
            [Text(text, subtle: true), DateInput(DateInput, "Date raised", Iso(view.Case.Today), required: true, max: view.Case.Today)],
            [Execute(level == EscalationLevel.ExceptionAtBoard ? "Reported to the Board" : "Raised at the Executive Group", RaiseVerb,
                TaskCard.Data(view, new JsonObject { [ActionKey] = id, ["level"] = level.ToString() }), style: "positive")],
            "The escalation process", confidential: false);
    }

    /// <summary>Who was asked for timescales, and whom the board's directory names nobody as.</summary>
    public static string Asked(TimescaleRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parts = new List<string>();
        if (request.Asked.Count > 0)
        {
            parts.Add(string.Join(", ", request.Asked.Select(p => p.Name)) + " (sent by ScrBot)");
        }

        if (request.NotNamed.Count > 0)
        {
            parts.Add($"no {string.Join(" and no ", request.NotNamed.Select(RoleNames.Of))} named in the board's directory: the Board Manager asks");
        }

        return string.Join("; ", parts);
    }

    /// <summary>
    /// The message to the owner agency's SCR lead and lead board member when its action is escalated to the Executive
    /// Group: the action, the meetings without an update, and the timescales for completion asked for, given on the card.
    /// </summary>
    public static JsonObject Timescales(StepView view)
    {
        var request = ActionPlanSteps.TimescalesOf(view.Case.State, view.Step.Key);
        var action = request is null ? null : view.Case.State.Action(request.ActionId);
        var facts = new List<(string, string)>();
        if (action is not null)
        {
            facts.Add(("Agency", view.Case.AgencyName(action.Owner)));
            facts.Add(("Action", action.Recommendation));
            facts.Add(("Intended outcome", action.Outcome ?? ""));
            facts.Add(("Due", Words.Date(action.Due)));
            facts.Add(("Escalated", $"to the Executive Group on {Words.Date(Domain.Calendar.LondonTime.DateOf(request!.At))}"));
        }

        return TaskCard.Build(
            view,
            facts,
            [
                Text("No update on this action was given at two consecutive SCR Sub-group meetings, so it has been escalated to the Executive Group. As the agency's SCR lead or its lead board member, please give the timescales for completing it.", subtle: true),
                DateInput(CompleteByInput, "Complete by", "", required: true),
                TextInput(TimescalesInput, "How and when it will be completed", "", 2000, required: true, multiline: true),
            ],
            [Execute("Give the timescales", TimescalesVerb, TaskCard.Data(view, new JsonObject { [ActionKey] = request?.ActionId ?? "" }), style: "positive")],
            "The SCR Sub-group Chair, with the escalation to the Executive Group",
            confidential: false);
    }

    public static JsonObject Evidence(StepView view) => TaskCard.Build(
        view,
        [],
        limit =>
        [
            Bullets(view.Case.State.Actions.Select(a => $"{a.ActionId} · {view.Case.AgencyName(a.Owner)}: {CardBudget.Shorten(a.Updates.LastOrDefault(u => u.Completed)?.Progress ?? "", limit)}")),
            DateInput(DateInput, "Date the evidence was reviewed", Iso(view.Case.Today), required: true, max: view.Case.Today),
        ],
        [Execute("Evidence reviewed", EvidenceVerb, TaskCard.Data(view), style: "positive")],
        "The toolkit, Action plans", confidential: false);

    public static JsonObject Endorse(StepView view) => TaskCard.Build(
        view,
        [],
        limit =>
        [
            Plan(view.Case, limit),
            Text("Record the day the Executive Group and the Board endorsed the completed plan.", subtle: true),
            DateInput(DateInput, "Date endorsed", Iso(view.Case.Today), required: true, max: view.Case.Today),
        ],
        [Execute("Record the endorsement", EndorseVerb, TaskCard.Data(view), style: "positive")],
        "The toolkit, Action plans", confidential: false);

    /// <summary>Closing: what the case still owes, and the refusal while a statutory step is open.</summary>
    public static JsonObject Close(StepView view)
    {
        var open = CaseCommands.StillOpenBeforeClosing(view.Case.State);
        var owed = CaseCommands.StillOwedAfterClosing(view.Case.State, view.Case.Today);
        var body = new List<JsonNode?>();
        body.Add(open.Count == 0 ? Text("Nothing statutory is open.", strong: true) : Attention("Still open, so the case cannot close yet:"));
        if (open.Count > 0)
        {
            body.Add(Bullets(open));
        }

        if (owed.Count > 0)
        {
            body.Add(Text("Still owed after closing:", strong: true));
            body.Add(Bullets(owed));
        }

        body.Add(TextInput(ReasonInput, "Reason for closing", "Action plan complete and endorsed.", 2000, required: true, multiline: true));
        return TaskCard.Build(view, [], body, [Execute("Close the case", CloseVerb, TaskCard.Data(view), style: "positive")], "The toolkit", confidential: false);
    }
}
