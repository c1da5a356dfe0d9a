using ScrBot.Bot.Conversations;
using ScrBot.Bot.Routing;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Stages.Publication.PublicationCards;

namespace ScrBot.Bot.Stages.Publication;

/// <summary>The buttons of stage 9 (<c>publication.*</c>), each one domain command through <see cref="CaseConversations.ActAsync"/>.</summary>
public sealed class PublicationActions(CaseConversations conversations) : ICardActionHandler
{
    /// <summary>A button delivered again: the step as it is now, never recorded a second time.</summary>
    public Task<CardActionResult?> AnswerAgainAsync(TurnContext context, CardAction action) => conversations.AnswerAgainAsync(context, action);

    public string VerbPrefix => "publication.";

    public Task<CardActionResult> HandleAsync(TurnContext context, CardAction action)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        var data = action.Data;
        var date = TaskCard.DateValue(data, DateInput);
        Func<CaseState, CommandContext, Outcome> Dated(string label, Func<CaseState, CommandContext, DateOnly, Outcome> command) =>
            (s, c) => date is { } d ? command(s, c, d) : Outcome.Refused($"Give the {label}.", label);
        return action.Verb switch
        {
            EndorseVerb => conversations.ActAsync(context, action, "record the Board's endorsement of the report", Dated("date the Board endorsed the report", CaseCommands.EndorseReport)),
            PlanVerb => conversations.ActAsync(context, action, "plan the report's publication", Dated("planned publication date", (s, c, d) =>
                TaskCard.DateValue(data, MeetingInput) is { } meeting
                    ? CaseCommands.PlanPublication(s, c, d, meeting)
                    : Outcome.Refused("Give the date of the publication planning meeting.", "Date of the publication planning meeting"))),
            PanelVerb => conversations.ActAsync(context, action, "record that the report was sent to the National Panel", Dated("date the report was sent", CaseCommands.SendReportToNationalPanel)),
            PublishVerb => conversations.ActAsync(context, action, "record the report's publication", Dated("date published", (s, c, d) =>
                Uri.TryCreate(TaskCard.Value(data, LinkInput), UriKind.Absolute, out var link) && link.Scheme is "https" or "http"
                    ? CaseCommands.PublishReport(s, c, d, link.ToString())
                    : Outcome.Refused("Give the link to the published report (https://…).", "Link to the published report"))),
            LibraryVerb => conversations.ActAsync(context, action, "record the copy sent to the NSPCC National SCR Library", Dated("date the copy was sent", CaseCommands.SendReportToLibrary)),
            OnlineVerb => conversations.ActAsync(context, action, "record that the report was removed from the website", Dated("date taken off the website", CaseCommands.RemoveReportFromWebsite)),
            NotPublishVerb => conversations.ActAsync(context, action, "decide not to publish the report", (s, c) => CaseCommands.DecideNotToPublish(s, c, TaskCard.Value(data, ReasonsInput))),
            AdviceVerb => conversations.ActAsync(context, action, "record the National Panel's advice", (s, c) => CaseCommands.RecordNationalPanelAdvice(s, c, TaskCard.Value(data, AdviceInput))),
            _ => Task.FromResult(CardActionResult.Error(Replies.UnknownButton, 400, "UnknownAction")),
        };
    }
}
