using System.Text.Json.Nodes;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Conversations;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Preparing;

/// <summary>
/// The alert every other partner gets when a partner reports discrepancies with the details sent (toolkit: they are
/// shared with the Board Manager "in order to alert other partner agencies"): which kind of discrepancy each partner
/// reported (date of birth, spelling or aliases, address, significant others not yet identified), with the detail for
/// people with a role on the case. A partner that already returned its records check says it stands, or returns it
/// again from this card; a partner whose check is still open says it has seen them and answers its check with them in
/// mind.
/// </summary>
public static class DiscrepancyAlertCard
{
    public const string SeenVerb = "preparing.seen";

    public static JsonObject Build(StepView view)
    {
        var agency = PreparingSteps.AgencyOf(view.Step.Key);
        var state = view.Case.State;
        var returned = CaseCommands.CheckIsIn(state, agency) ? state.RecordCheckOf(agency) : null;
        var data = new JsonObject { [PreparingActions.AgencyKey] = agency.Value };
        var actions = new List<JsonNode?>();
        if (returned is not null)
        {
            actions.Add(Execute("Return the records check again", RecordCheckCard.Verb, TaskCard.Data(view, data), style: "positive"));
            actions.Add(Execute("Our records check stands", SeenVerb, TaskCard.Data(view, data), sendInputs: false));
        }
        else
        {
            actions.Add(Execute("Seen: we will check against them", SeenVerb, TaskCard.Data(view, data), style: "positive", sendInputs: false));
        }

        return TaskCard.Build(
            view,
            [("Agency", view.Case.AgencyName(agency))],
            limit => Body(view, agency, returned, limit),
            actions,
            "The Board Manager, for the partners",
            confidential: true);
    }

    private static List<JsonNode?> Body(StepView view, Domain.Boards.AgencyId agency, RecordCheck? returned, int? limit)
    {
        var body = new List<JsonNode?>
        {
            Container([Text("Discrepancies other partners reported", strong: true), Bullets(RecordCheckCard.OthersReported(view, agency, limit))], style: "attention"),
            Text("Another partner's records differ from the details the board sent. Check whether your agency's records hold the same differences, or others.", subtle: true),
        };
        if (returned is null)
        {
            body.Add(Text("Your agency's records check is still open: answer it with these in mind.", subtle: true));
            return body;
        }

        body.Add(Text($"{returned.By.Name} returned your agency's records check on {Words.DateAndTime(returned.At)}. If these change your answer, change it below and return it again; otherwise say it stands.", subtle: true));
        body.AddRange(RecordCheckCard.Sent(view));
        body.AddRange(RecordCheckCard.Inputs(view, returned));
        return body;
    }
}
