using System.Text.Json.Nodes;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Conversations;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.SubGroup;

/// <summary>The Board Manager's task: when the SCR sub-group meets about the case (a date, or an extraordinary meeting).</summary>
public static class ArrangeMeetingCard
{
    public const string Verb = "subgroup.arrange";
    public const string DateInput = "meetingDate";
    public const string ExtraordinaryInput = "extraordinary";

    public static JsonObject Build(StepView view) => TaskCard.Build(
        view,
        [("Board", view.Case.Directory.Find(view.Case.Board)?.Name ?? view.Case.Board.Value)],
        [
            Text("Decide how soon the SCR sub-group meets to consider this referral. It may be an extraordinary meeting.", subtle: true),
            DateInput(DateInput, "Date of the sub-group meeting", "", required: true),
            Toggle(ExtraordinaryInput, "Extraordinary meeting", "This is an extraordinary meeting of the sub-group", "false"),
        ],
        [Execute("Arrange the meeting", Verb, TaskCard.Data(view), style: "positive")],
        "ScrBot, on receiving the referral (toolkit: the Board Manager decides when the sub-group meets)",
        confidential: false);
}
