using System.Text.Json.Nodes;
using ScrBot.Bot.Conversations;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Panel;

/// <summary>
/// The Scoping Panel Confidentiality Statement to sign (toolkit Appendix C no. 7): its full text, its version and the
/// SHA-256 of the text, the attendee's typed full name, and I agree and sign.
/// </summary>
public static class StatementCard
{
    public const string Verb = "panel.sign";
    public const string NameInput = "fullName";
    public const string VersionKey = "version";
    public const string HashKey = "sha256";

    public static JsonObject Build(StepView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var statement = ConfidentialityStatement.ScopingPanel;
        var facts = AttendanceCard.MeetingFacts(view.Case);
        facts.Add(("Statement", $"Version {statement.Version}, SHA-256 {statement.Sha256[..16]}…"));
        var paragraphs = statement.Text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var body = new List<JsonNode?> { Text(paragraphs[0], strong: true) };
        body.AddRange(paragraphs.Skip(1).Select(p => (JsonNode?)Text(p.Replace('\n', ' '))));
        body.Add(TextInput(NameInput, "Your full name", "", 200, required: true));
        return TaskCard.Build(view, facts, body,
            [Execute("I agree and sign", Verb, PanelSteps.ForMeeting(view, new JsonObject { [VersionKey] = statement.Version, [HashKey] = statement.Sha256 }), style: "positive")],
            "The panel chair, before the meeting",
            confidential: false);
    }
}
