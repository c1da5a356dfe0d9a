using ScrBot.Bot.Conversations;
using ScrBot.Bot.Routing;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Stages.Publication.PublicationCards;

namespace ScrBot.Bot.Stages.Publication;

/// <summary>The buttons of stage 9 (<c>publication.*</c>), each one domain command through <see cref="CaseConversations.ActAsync"/>.</summary>
public sealed class PublicationActions(CaseConversations conversations) : StageActions(conversations, "publication.")
{
    protected override Task<CardActionResult> HandleAsync(CardPress press) => press.Verb switch
    {
        EndorseVerb => press.ActOnDateAsync("record the Board's endorsement of the report", DateInput, "date the Board endorsed the report", CaseCommands.EndorseReport),
        PlanVerb => press.ActOnDateAsync("plan the report's publication", DateInput, "planned publication date", (s, c, d) =>
            press.Date(MeetingInput) is { } meeting
                ? CaseCommands.PlanPublication(s, c, d, meeting)
                : Outcome.Refused("Give the date of the publication planning meeting.", "Date of the publication planning meeting")),
        PanelVerb => press.ActOnDateAsync("record that the report was sent to the National Panel", DateInput, "date the report was sent", CaseCommands.SendReportToNationalPanel),
        PublishVerb => press.ActOnDateAsync("record the report's publication", DateInput, "date published", (s, c, d) =>
            Uri.TryCreate(press.Value(LinkInput), UriKind.Absolute, out var link) && link.Scheme is "https" or "http"
                ? CaseCommands.PublishReport(s, c, d, link.ToString())
                : Outcome.Refused("Give the link to the published report (https://…).", "Link to the published report")),
        LibraryVerb => press.ActOnDateAsync("record the copy sent to the NSPCC National SCR Library", DateInput, "date the copy was sent", CaseCommands.SendReportToLibrary),
        OnlineVerb => press.ActOnDateAsync("record that the report was removed from the website", DateInput, "date taken off the website", CaseCommands.RemoveReportFromWebsite),
        NotPublishVerb => press.ActAsync("decide not to publish the report", (s, c) => CaseCommands.DecideNotToPublish(s, c, press.Value(ReasonsInput))),
        AdviceVerb => press.ActAsync("record the National Panel's advice", (s, c) => CaseCommands.RecordNationalPanelAdvice(s, c, press.Value(AdviceInput))),
        _ => CardPress.Unknown(),
    };
}
