using System.Text.Json.Nodes;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Conversations;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Preparing;

/// <summary>
/// An agency representative's records check: the details sent, one row per person (known / not known), and any
/// discrepancies (dates of birth, spellings or aliases, addresses, significant others not yet identified).
/// </summary>
public static class RecordCheckCard
{
    public const string Verb = "preparing.check";
    public const string PersonPrefix = "person";
    public static readonly IReadOnlyList<DiscrepancyKind> Kinds =
        [DiscrepancyKind.DateOfBirth, DiscrepancyKind.SpellingOrAlias, DiscrepancyKind.Address, DiscrepancyKind.SignificantOtherNotIdentified];

    public static string PersonInput(int i) => PersonPrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string DiscrepancyInput(DiscrepancyKind kind) => "discrepancy" + kind;

    public static JsonObject Build(StepView view)
    {
        return TaskCard.Build(
            view,
            [("Agency", view.Case.AgencyName(PreparingSteps.AgencyOf(view.Step.Key)))],
            limit => Body(view, limit),
            [Execute("Return the records check", Verb, TaskCard.Data(view, new JsonObject { ["agency"] = PreparingSteps.AgencyOf(view.Step.Key).Value }), style: "positive")],
            "The Board Manager",
            confidential: true);
    }

    private static List<JsonNode?> Body(StepView view, int? limit)
    {
        var state = view.Case.State;
        var form = state.Form!;
        var people = CaseCommands.PeopleToCheck(state);
        var body = new List<JsonNode?>
        {
            Subheading("The details sent"),
            Facts(ReferralDetails.Child(form.Child)),
        };
        if (form.SignificantOthers.Count > 0)
        {
            body.Add(Bullets(form.SignificantOthers.Select(o => $"{o.Name}: {ReferralDetails.SignificantOther(o)}")));
        }

        if (state.DetailsCorrectedAt is { } corrected)
        {
            body.Add(Attention($"The Board Manager corrected these details on {Words.DateAndTime(corrected)}: check again against them."));
        }

        var others = state.RecordChecks.Where(c => c.Discrepancies.Count > 0).SelectMany(c => c.Discrepancies.Select(d => $"{view.Case.AgencyName(c.Agency)}: {StepWords.Of(d.Kind)}: {CardBudget.Shorten(d.Details, limit)}")).ToList();
        if (others.Count > 0)
        {
            body.Add(Container([Text("Discrepancies other partners reported", strong: true), Bullets(others)], style: "attention"));
        }

        body.Add(Subheading("Is each person known to your agency?"));
        for (var i = 0; i < people.Count; i++)
        {
            body.Add(Choices(PersonInput(i), people[i], [("Known", nameof(RecordCheckResult.Known)), ("Not known", nameof(RecordCheckResult.NotKnown))], "", required: true));
        }

        body.Add(Subheading("Discrepancies with your records (leave blank if none)"));
        body.AddRange(Kinds.Select(k => (JsonNode)TextInput(DiscrepancyInput(k), StepWords.Of(k), "", 4000, multiline: true)));
        return body;
    }
}
