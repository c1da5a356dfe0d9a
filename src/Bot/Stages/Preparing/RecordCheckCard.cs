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
        var agency = PreparingSteps.AgencyOf(view.Step.Key);
        var body = Sent(view);
        var others = OthersReported(view, agency, limit);
        if (others.Count > 0)
        {
            body.Add(Container([Text("Discrepancies other partners reported", strong: true), Bullets(others)], style: "attention"));
        }

        body.AddRange(Inputs(view, null));
        return body;
    }

    /// <summary>The details sent to the partners (as last corrected, and saying so), for people with a role on the case.</summary>
    public static List<JsonNode?> Sent(StepView view)
    {
        var state = view.Case.State;
        var form = state.Form!;
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

        return body;
    }

    /// <summary>
    /// The discrepancies the other partners reported against the details as last corrected, one line each: the agency,
    /// who and the kind, and the detail only for a viewer with a role on the case.
    /// </summary>
    public static List<string> OthersReported(StepView view, Domain.Boards.AgencyId agency, int? limit)
    {
        var state = view.Case.State;
        var detail = CaseAccess.HasRoleOnCase(state, view.Viewer.Id, view.Case.Directory);
        return CaseCommands.OtherPartnersDiscrepancies(state, agency)
            .SelectMany(c => c.Discrepancies.Select(d =>
                $"{view.Case.AgencyName(c.Agency)}: {StepWords.Of(d.Kind)}" + (detail ? $": {CardBudget.Shorten(d.Details, limit)}" : "")))
            .ToList();
    }

    /// <summary>One row per person (known / not known, the earlier answer chosen when there is one) and the discrepancies.</summary>
    public static IEnumerable<JsonNode?> Inputs(StepView view, RecordCheck? earlier)
    {
        var people = CaseCommands.PeopleToCheck(view.Case.State);
        yield return Subheading("Is each person known to your agency?");
        for (var i = 0; i < people.Count; i++)
        {
            var before = earlier?.People.FirstOrDefault(p => p.Person == people[i])?.Result.ToString() ?? "";
            yield return Choices(PersonInput(i), people[i], [("Known", nameof(RecordCheckResult.Known)), ("Not known", nameof(RecordCheckResult.NotKnown))], before, required: true);
        }

        yield return Subheading("Discrepancies with your records (leave blank if none)");
        foreach (var kind in Kinds)
        {
            var before = earlier?.Discrepancies.FirstOrDefault(d => d.Kind == kind)?.Details ?? "";
            yield return TextInput(DiscrepancyInput(kind), StepWords.Of(kind), before, 4000, multiline: true);
        }
    }
}
