using System.Text.Json.Nodes;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Conversations;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Preparing;

/// <summary>
/// The Senior Investigating Officer's task once invited to the Scoping Panel (a criminal investigation runs in
/// parallel): whether a police Disclosure Officer attends too — named, and then invited — or not. The toolkit leaves
/// this decision to the SIO. For an SIO outside the board's directory, who cannot get the card in Teams, the Board
/// Manager records the decision the SIO tells them.
/// </summary>
public static class DisclosureOfficerCard
{
    public const string Verb = "preparing.disclosure";
    public const string AttendsKey = "attends";
    public const string NameInput = "disclosureOfficerName";
    public const string EmailInput = "disclosureOfficerEmail";

    public static JsonObject Build(StepView view)
    {
        var state = view.Case.State;
        var sio = CaseCommands.SeniorInvestigatingOfficerOf(state)?.Member;
        var forSomeoneElse = sio is not null && sio.Id != view.Viewer.Id;
        var facts = new List<(string, string)> { ("Senior Investigating Officer", sio?.Name ?? "") };
        if (state.ScheduledPanel is { } panel)
        {
            facts.Add(("Scoping Panel", Words.DateAndTime(panel.Start)));
        }

        var body = new List<JsonNode?>
        {
            Text("A criminal investigation runs in parallel, so the Senior Investigating Officer is invited to the Scoping Panel, besides the police safeguarding representative. A police Disclosure Officer may also need to attend: this decision is the Senior Investigating Officer's.", subtle: true),
            Text("The Senior Investigating Officer has no further involvement in the review after the Scoping Panel, to avoid a conflict of interest with the criminal investigation.", subtle: true),
        };
        if (forSomeoneElse)
        {
            body.Insert(0, Attention($"{sio!.Name} is not in the board's directory, so ScrBot cannot reach them in Teams: record the decision they tell you."));
        }

        var attends = TaskCard.Data(view, new JsonObject { [AttendsKey] = "true" });
        var none = TaskCard.Data(view, new JsonObject { [AttendsKey] = "false" });
        return TaskCard.Build(
            view,
            facts,
            body,
            [
                ShowCard("A Disclosure Officer attends",
                    [
                        TextInput(NameInput, "Disclosure Officer's name", "", 200, required: true),
                        TextInput(EmailInput, "Disclosure Officer's email", "", 320, required: true),
                        Text("They are invited to the Scoping Panel with everyone else, and asked to sign the confidentiality statement.", subtle: true),
                    ],
                    [Execute("Invite the Disclosure Officer", Verb, attends)]),
                Execute("No Disclosure Officer attends", Verb, none, sendInputs: false),
            ],
            "The Board Manager, with the invitation to the Scoping Panel",
            confidential: false);
    }

    /// <summary>"Disclosure Officer: Jo Bloggs attends — decided by Jordan Miller, Senior Investigating Officer, on …".</summary>
    public static string DecisionWords(DisclosureOfficerDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var what = decision.DisclosureOfficer is { } officer ? $"{officer.Name} attends the Scoping Panel as Disclosure Officer" : "No Disclosure Officer attends the Scoping Panel";
        var who = decision.By.Id == decision.SeniorInvestigatingOfficer.Id
            ? $"{decision.By.Name}, Senior Investigating Officer"
            : $"{decision.SeniorInvestigatingOfficer.Name}, Senior Investigating Officer (recorded by {decision.By.Name})";
        return $"{what}: decided by {who} on {Words.DateAndTime(decision.At)}.";
    }
}
