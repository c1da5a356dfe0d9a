using System.Text.Json.Nodes;
using ScrBot.Bot.Conversations;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.SubGroup;

/// <summary>
/// The Board Manager's task: record the routes the toolkit names (a referral from the Child Death Overview Panel, a
/// Domestic Homicide Review, parallel reviews whose leads must be engaged from scoping), prefilled from the referral.
/// </summary>
public static class RoutesCard
{
    public const string Verb = "subgroup.routes";
    public const string Cdop = "fromCdop";
    public const string Dhr = "dhr";
    public const string YouthJustice = "yjb";
    public const string Ombudsman = "ppo";
    public const string Leads = "leads";

    public static JsonObject Build(StepView view)
    {
        var parallel = view.Case.State.Form?.ParallelProcesses;
        string On(bool? value) => value == true ? "true" : "false";
        return TaskCard.Build(
            view,
            [],
            [
                Toggle(Cdop, "Child Death Overview Panel", "The Child Death Overview Panel referred this case", On(parallel?.ChildDeathReview)),
                Toggle(Dhr, "Domestic Homicide Review", "A Domestic Homicide Review runs (for a victim under 18 the SCR takes precedence over the DHR)", On(parallel?.DomesticHomicideReview)),
                Toggle(YouthJustice, "Youth Justice Board", "A Youth Justice Board serious incident review runs", On(parallel?.YouthOffendingSeriousIncident)),
                Toggle(Ombudsman, "Prisons and probation ombudsman", "A prisons and probation ombudsman investigation runs", "false"),
                TextInput(Leads, "Who leads each parallel review (to engage from the scoping stage)", "", 4000, multiline: true),
            ],
            [Execute("Record the routes", Verb, TaskCard.Data(view), style: "positive")],
            "ScrBot, for the toolkit's routes and parallel investigations",
            confidential: false);
    }
}
