using System.Globalization;
using System.Text.Json.Nodes;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Conversations;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Publication;

/// <summary>The Board Manager's task cards of stage 9, the report and its publication.</summary>
public static class PublicationCards
{
    public const string EndorseVerb = "publication.endorse";
    public const string PlanVerb = "publication.plan";
    public const string PanelVerb = "publication.panel";
    public const string PublishVerb = "publication.publish";
    public const string LibraryVerb = "publication.library";
    public const string OnlineVerb = "publication.online";
    public const string AdviceVerb = "publication.advice";
    public const string NotPublishVerb = "publication.notpublish";
    public const string ReasonsInput = "reasons";

    public const string DateInput = "date";
    public const string MeetingInput = "planningMeeting";
    public const string LinkInput = "link";
    public const string AdviceInput = "advice";

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static JsonObject Dated(StepView view, string intro, string label, string button, string verb, string askedBy, bool past = true) => TaskCard.Build(
        view,
        Published(view),
        [Text(intro, subtle: true), DateInput(DateInput, label, past ? Iso(view.Case.Today) : "", required: true, max: past ? view.Case.Today : null)],
        [Execute(button, verb, TaskCard.Data(view), style: "positive")],
        askedBy,
        confidential: false);

    private static List<(string, string)> Published(StepView view)
    {
        var state = view.Case.State;
        var facts = new List<(string, string)>();
        if (state.PlannedPublicationDate is { } planned)
        {
            facts.Add(("Planned publication", Words.Date(planned)));
        }

        if (state.ReportPublishedOn is { } published)
        {
            facts.Add(("Published", $"{Words.Date(published)}{(state.ReportAddress is { } link ? ", " + link : "")}"));
        }

        return facts;
    }

    public static JsonObject Endorse(StepView view) => Dated(view,
        "The completed report goes to the Board; record the day the Board endorsed it.",
        "Date the Board endorsed the report", "Record the endorsement", EndorseVerb, "The reviewer, with the completed report");

    public static JsonObject Plan(StepView view) => TaskCard.Build(
        view,
        [],
        [
            Text("Hold a publication planning meeting (communications, the family, the agencies, the media). The report goes to the National Panel at least one week before the date you set.", subtle: true),
            DateInput(MeetingInput, "Date of the publication planning meeting", Iso(view.Case.Today), required: true, max: view.Case.Today),
            DateInput(DateInput, "Planned publication date", "", required: true),
        ],
        [Execute("Plan the publication", PlanVerb, TaskCard.Data(view), style: "positive")],
        "The toolkit, Publication",
        confidential: false);

    public static JsonObject Panel(StepView view) => Dated(view,
        "Send the final report to the National Panel at least one week before the planned publication date (D10).",
        "Date the report was sent", "Report sent to the National Panel", PanelVerb, "The publication plan");

    public static JsonObject Publish(StepView view) => TaskCard.Build(
        view,
        Published(view),
        [
            Text("Publish the report on the board's website. It stays there for at least 12 months, then is available on request.", subtle: true),
            DateInput(DateInput, "Date published", Iso(view.Case.Today), required: true, max: view.Case.Today),
            TextInput(LinkInput, "Link to the published report", "", 2000, required: true, placeholder: "https://"),
        ],
        [Execute("Record the publication", PublishVerb, TaskCard.Data(view), style: "positive")],
        "The publication plan",
        confidential: false);

    public static JsonObject Library(StepView view) => Dated(view,
        "Send a copy of the published report to the NSPCC National SCR Library.",
        "Date the copy was sent", "Copy sent to the library", LibraryVerb, "The toolkit, Publication");

    public static JsonObject Online(StepView view) => Dated(view,
        "The report has been online for 12 months. When it comes off the website it is available on request.",
        "Date taken off the website", "Taken off: available on request", OnlineVerb, "The toolkit, Publication (D11)");

    /// <summary>The Independent Chair's decision not to publish, with reasons (it goes to the National Panel for advice).</summary>
    public static JsonObject Decide(StepView view) => TaskCard.Build(
        view,
        [],
        [
            Text("The report is published unless you decide otherwise: the Board Manager plans its publication. A decision not to publish goes to the National Panel for its advice, and cancels nothing else owed.", subtle: true),
            TextInput(ReasonsInput, "Reasons not to publish", "", 4000, required: true, multiline: true),
        ],
        [Execute("Do not publish the report", NotPublishVerb, TaskCard.Data(view))],
        "The toolkit, Publication",
        confidential: false);

    public static JsonObject Advice(StepView view) => TaskCard.Build(
        view,
        [("Reasons not to publish", view.Case.State.NotPublishedReasons ?? "")],
        [
            Text("The decision not to publish goes to the National Panel for its advice. Record the answer here; nothing else owed is cancelled.", subtle: true),
            TextInput(AdviceInput, "The National Panel's advice", "", 4000, required: true, multiline: true),
        ],
        [Execute("Record the advice", AdviceVerb, TaskCard.Data(view), style: "positive")],
        "The Independent Chair's decision not to publish",
        confidential: false);
}
