using System.Text.Json.Nodes;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Conversations;
using ScrBot.Domain.Calendar;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Decision;

/// <summary>
/// The notification checklist on the Board Manager's hub card, once the Independent Chair has decided to hold a Serious
/// Case Review: each item with who owes it and D8's due date where it applies, and, once recorded, the date sent (or
/// "not needed" and why), who recorded it and when.
/// </summary>
public sealed class ChecklistHub : IHubPart
{
    /// <summary>How much of a reason "not needed" the hub shows: the card stays small, the whole reason is on the case.</summary>
    private const int ReasonShown = 150;

    public IEnumerable<JsonNode?> Body(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var entries = ChecklistSteps.Entries(view);
        if (entries.Count == 0)
        {
            yield break;
        }

        var done = entries.Count(e => e.Recorded is not null);
        yield return Subheading($"Notifications after the decision to hold an SCR · {done} of {entries.Count} recorded", separator: true);
        yield return Bullets(entries.Select(e => Line(view, e)));
    }

    public IEnumerable<JsonNode?> Actions(CaseView view) => [];

    /// <summary>"Ofsted · Megan Bowen, D8 due Wednesday 8 April 2026 · Done: sent Tuesday 31 March 2026, recorded by Megan Bowen on …".</summary>
    public static string Line(CaseView view, ChecklistEntry entry)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(entry);
        var owners = entry.Owners.Count == 0 ? "nobody named in the board's directory" : string.Join(", ", entry.Owners.Select(o => o.Name).Distinct());
        if (entry.Item.PassedOn)
        {
            owners += " (to pass on: no representative on the case)";
        }

        var who = entry.Due is { } due
            ? $"{owners}, D8 due {(entry.Recorded is null ? HumanDates.FormatWithRelative(due, view.Today, view.Calendar) : Words.Date(due))}"
            : owners;
        var status = entry.Recorded switch
        {
            null => "Not yet recorded",
            { NotNeeded: true } r => $"Done: not needed ({CardBudget.Shorten(r.Details ?? "", ReasonShown)}), recorded by {r.By.Name} on {Words.DateAndTime(r.At)}",
            { } r => $"Done: sent {Words.Date(r.SentOn)}, recorded by {r.By.Name} on {Words.DateAndTime(r.At)}",
        };
        return $"{entry.Label} · {who} · {status}";
    }
}
