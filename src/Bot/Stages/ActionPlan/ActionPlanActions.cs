using ScrBot.Bot.Conversations;
using ScrBot.Bot.Routing;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Stages.ActionPlan.ActionPlanCards;

namespace ScrBot.Bot.Stages.ActionPlan;

/// <summary>The buttons of stage 10 (<c>plan.*</c>), each one domain command through <see cref="CaseConversations.ActAsync"/>.</summary>
public sealed class ActionPlanActions(CaseConversations conversations) : ICardActionHandler
{
    /// <summary>A button delivered again: the step as it is now, never recorded a second time.</summary>
    public Task<CardActionResult?> AnswerAgainAsync(TurnContext context, CardAction action) => conversations.AnswerAgainAsync(context, action);

    public string VerbPrefix => "plan.";

    public Task<CardActionResult> HandleAsync(TurnContext context, CardAction action)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        var data = action.Data;
        string V(string id) => TaskCard.Value(data, id);
        var date = TaskCard.DateValue(data, DateInput);
        Func<CaseState, CommandContext, Outcome> Dated(string label, Func<CaseState, CommandContext, DateOnly, Outcome> command) =>
            (s, c) => date is { } d ? command(s, c, d) : Outcome.Refused($"Give the {label}.", label);
        return action.Verb switch
        {
            AddVerb => conversations.ActAsync(context, action, "add a recommendation to the action plan", (s, c) =>
                TaskCard.DateValue(data, DueInput) is { } due
                    ? CaseCommands.AddActionPlanRecommendation(s, c, V(ActionInput), new AgencyId(V(AgencyInput)), due, V(OutcomeInput), V(EvidenceInput))
                    : Outcome.Refused("Give the due date.", "Due date")),
            MeetingVerb => conversations.ActAsync(context, action, "record a sub-group meeting on the action plan", Dated("date of the sub-group meeting", (s, c, d) =>
                V(NextInput).Length > 0 && TaskCard.DateValue(data, NextInput) is null
                    ? Outcome.Refused("The date of the next sub-group meeting is not a date.", "Next meeting")
                    : CaseCommands.RecordActionPlanMeeting(s, c, d, TaskCard.DateValue(data, NextInput)))),
            UpdateVerb => conversations.ActAsync(context, action, "report progress on an action", (s, c) =>
                CaseCommands.ReportActionUpdate(s, c, V(ActionKey), V(ProgressInput), V(CompletedInput) == "true", V(CompletedInput) == "true" ? V(EvidenceInput) : null)),
            RaiseVerb => conversations.ActAsync(context, action, "raise an escalation of the action plan", Dated("date raised", (s, c, d) =>
                Enum.TryParse<EscalationLevel>(V("level"), ignoreCase: false, out var level) && Enum.IsDefined(level)
                    ? CaseCommands.RaiseEscalation(s, c, V(ActionKey), level, d)
                    : Outcome.Refused("Say where the escalation is raised."))),
            EvidenceVerb => conversations.ActAsync(context, action, "record that the evidence was reviewed", Dated("date the evidence was reviewed", CaseCommands.ReviewActionPlanEvidence)),
            EndorseVerb => conversations.ActAsync(context, action, "record the endorsement of the action plan", Dated("date endorsed", CaseCommands.EndorseActionPlan)),
            TimescalesVerb => conversations.ActAsync(context, action, "give timescales for an escalated action", (s, c) =>
                TaskCard.DateValue(data, CompleteByInput) is { } by
                    ? CaseCommands.GiveTimescales(s, c, V(ActionKey), by, V(TimescalesInput))
                    : Outcome.Refused("Give the date the action will be complete.")),
            CloseVerb => conversations.ActAsync(context, action, "close a case", (s, c) => CaseCommands.CloseCase(s, c, V(ReasonInput))),
            _ => Task.FromResult(CardActionResult.Error(Replies.UnknownButton, 400, "UnknownAction")),
        };
    }
}
