using System.Text.Json.Nodes;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Cards;

/// <summary>An obligation still open on a case: what, by when, and who owes it.</summary>
public sealed record OpenObligation(string Code, string What, DateOnly? Due, string Owner);

/// <summary>
/// Where a case stands, for the people with a role on it: the stage, the open obligations with their due dates and
/// owners, and the facts so far.
/// </summary>
public static class CaseStatusCard
{
    public const int MaxFactsShown = 25;

    public static JsonObject Build(
        CaseState state,
        IReadOnlyList<CaseEvent> facts,
        IReadOnlyList<OpenObligation> open,
        BoardDirectory directory,
        DateOnly today,
        WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(calendar);
        var board = directory.Find(state.LeadBoard);
        var summary = new List<(string, string)>
        {
            ("Stage", Words.Of(state.Stage)),
            ("Board", board?.Name ?? state.LeadBoard.Value),
        };
        if (state.ReferredAt is { } referredAt)
        {
            summary.Add(("Referred", Words.Date(referredAt)));
        }

        if (state.Form is { } form)
        {
            summary.Add(("Child", form.Child.Name));
            summary.Add(("Incident", $"{Words.Of(form.Incident.Kind)}, {Words.Date(form.Incident.Date)}"));
        }

        var body = new List<JsonNode?>
        {
            ConfidentialLine(),
            Heading($"{state.Reference} · {StageTitle(state.Stage)}"),
            Facts(summary),
            Subheading("Open obligations"),
        };

        if (open.Count == 0)
        {
            body.Add(Text("None open.", subtle: true));
        }
        else
        {
            foreach (var obligation in open.OrderBy(o => o.Due ?? DateOnly.MaxValue))
            {
                var due = obligation.Due is { } d ? $"Due {HumanDates.FormatWithRelative(d, today, calendar)}" : "Due: when the step before it is done";
                var overdue = obligation.Due is { } date && date < today;
                body.Add(Container(
                [
                    Text($"{obligation.Code} · {obligation.What}", strong: true),
                    overdue ? Attention($"{due} · {obligation.Owner}") : Text($"{due} · {obligation.Owner}", subtle: true),
                ]));
            }
        }

        body.Add(Subheading("What has happened"));
        var shown = facts.Where(f => f is not AttemptRefused).TakeLast(MaxFactsShown).ToList();
        var earlier = facts.Count(f => f is not AttemptRefused) - shown.Count;
        if (earlier > 0)
        {
            body.Add(Text($"{earlier} earlier {(earlier == 1 ? "fact is" : "facts are")} not shown.", subtle: true));
        }

        // Each fact with its date under it, as the obligations are: a date in a FactSet's narrow title column wraps.
        body.AddRange(shown.Select(f =>
        {
            var when = Text(Words.DateAndTime(f.At), subtle: true);
            when["spacing"] = "None";
            return Container([Text(FactWords.Describe(f, directory)), when]);
        }));
        return Card(body);
    }

    private static string StageTitle(Stage stage)
    {
        var words = Words.Of(stage);
        var dot = words.IndexOf('·', StringComparison.Ordinal);
        return dot < 0 ? words : words[(dot + 1)..].Trim();
    }
}
