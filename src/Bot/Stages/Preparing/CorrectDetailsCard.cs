using System.Text.Json.Nodes;
using ScrBot.Bot.Conversations;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Referral;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Preparing;

/// <summary>
/// The Board Manager's task when partners report discrepancies: the discrepancies, and the case's details to correct;
/// the corrected details go to the partners again.
/// </summary>
public static class CorrectDetailsCard
{
    public const string Verb = "preparing.correct";
    public const string NameInput = "childName";
    public const string BornInput = "childDateOfBirth";
    public const string AddressInput = "childAddress";
    public const string OthersInput = "significantOthers";

    public static JsonObject Build(StepView view)
    {
        var state = view.Case.State;
        var form = state.Form!;
        IEnumerable<string> Reported(int? limit) => state.RecordChecks.Where(c => c.Discrepancies.Count > 0)
            .SelectMany(c => c.Discrepancies.Select(d => $"{view.Case.AgencyName(c.Agency)} ({c.By.Name}): {StepWords.Of(d.Kind)}: {Cards.CardBudget.Shorten(d.Details, limit)}"));
        return TaskCard.Build(
            view,
            [],
            limit =>
            [
                Container([Text("Discrepancies reported", strong: true), Bullets(Reported(limit))], style: "attention"),
                TextInput(NameInput, "Child's name", form.Child.Name, 200, required: true),
                DateInput(BornInput, "Date of birth", form.Child.DateOfBirth?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? ""),
                TextInput(AddressInput, "Address", form.Child.Address, 500, multiline: true),
                TextInput(OthersInput, "Significant others, one a line: name; relationship", string.Join("\n", form.SignificantOthers.Select(o => $"{o.Name}; {o.Relationship}")), 4000, multiline: true),
            ],
            [Execute("Correct and send to the partners again", Verb, TaskCard.Data(view), style: "positive")],
            "The partners' records checks",
            confidential: true);
    }

    /// <summary>"Name; relationship" lines as significant others, keeping a known person's date of birth.</summary>
    public static IReadOnlyList<SignificantOther> ReadOthers(string text, IReadOnlyList<SignificantOther> before) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line =>
            {
                var parts = line.Split(';', 2, StringSplitOptions.TrimEntries);
                var name = parts[0];
                var relationship = parts.Length > 1 ? parts[1] : "";
                return new SignificantOther(name, relationship, before.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase))?.DateOfBirth);
            })
            .ToList();
}
