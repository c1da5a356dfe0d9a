using ScrBot.Bot.Conversations;
using ScrBot.Bot.Routing;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Stages.ActionPlan.ActionPlanCards;

namespace ScrBot.Bot.Stages.ActionPlan;

/// <summary>The buttons of stage 10 (<c>plan.*</c>), each one domain command through <see cref="CaseConversations.ActAsync"/>.</summary>
public sealed class ActionPlanActions(CaseConversations conversations) : StageActions(conversations, "plan.")
{
    protected override Task<CardActionResult> HandleAsync(CardPress press)
    {
        string V(string id) => press.Value(id);
        return press.Verb switch
        {
            AddVerb => press.ActAsync("add a recommendation to the action plan", (s, c) =>
                press.Date(DueInput) is { } due
                    ? CaseCommands.AddActionPlanRecommendation(s, c, V(ActionInput), new AgencyId(V(AgencyInput)), due, V(OutcomeInput), V(EvidenceInput))
                    : Outcome.Refused("Give the due date.", "Due date")),
            MeetingVerb => press.ActOnDateAsync("record a sub-group meeting on the action plan", DateInput, "date of the sub-group meeting", (s, c, d) =>
                V(NextInput).Length > 0 && press.Date(NextInput) is null
                    ? Outcome.Refused("The date of the next sub-group meeting is not a date.", "Next meeting")
                    : CaseCommands.RecordActionPlanMeeting(s, c, d, press.Date(NextInput))),
            UpdateVerb => press.ActAsync("report progress on an action", (s, c) =>
                CaseCommands.ReportActionUpdate(s, c, V(ActionKey), V(ProgressInput), press.On(CompletedInput), press.On(CompletedInput) ? V(EvidenceInput) : null)),
            RaiseVerb => press.ActOnDateAsync("raise an escalation of the action plan", DateInput, "date raised", (s, c, d) =>
                Enum.TryParse<EscalationLevel>(V("level"), ignoreCase: false, out var level) && Enum.IsDefined(level)
                    ? CaseCommands.RaiseEscalation(s, c, V(ActionKey), level, d)
                    : Outcome.Refused("Say where the escalation is raised.")),
            EvidenceVerb => press.ActOnDateAsync("record that the evidence was reviewed", DateInput, "date the evidence was reviewed", CaseCommands.ReviewActionPlanEvidence),
            EndorseVerb => press.ActOnDateAsync("record the endorsement of the action plan", DateInput, "date endorsed", CaseCommands.EndorseActionPlan),
            TimescalesVerb => press.ActAsync("give timescales for an escalated action", (s, c) =>
                press.Date(CompleteByInput) is { } by
                    ? CaseCommands.GiveTimescales(s, c, V(ActionKey), by, V(TimescalesInput))
                    : Outcome.Refused("Give the date the action will be complete.")),
            CloseVerb => press.ActAsync("close a case", (s, c) => CaseCommands.CloseCase(s, c, V(ReasonInput))),
            _ => CardPress.Unknown(),
        };
    }
}
