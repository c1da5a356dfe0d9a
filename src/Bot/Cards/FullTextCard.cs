using System.Text.Json.Nodes;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Referral;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Cards;

/// <summary>
/// One long answer of a referral in full, sent after a card that had to shorten it to stay within Teams' message size.
/// </summary>
public static class FullTextCard
{
    public static JsonObject Build(CaseReference reference, string title, string text) => Card(
    [
        ConfidentialLine(),
        Heading($"{reference} · {title} (in full)"),
        Text(text),
    ]);

    /// <summary>The answers of a referral long enough to be shortened on a card, with their titles.</summary>
    public static IEnumerable<(string Title, string Text)> LongAnswers(NotificationForm form, int threshold)
    {
        ArgumentNullException.ThrowIfNull(form);
        var answers = new (string Title, string? Text)[]
        {
            ("Description of the incident", form.Incident.Description),
            ("Concerns about how agencies worked together", form.Incident.InterAgencyConcernDetails),
            ("Senior Investigating Officer", form.ParallelProcesses.SeniorInvestigatingOfficerContact),
            ("Parallel processes: details", form.ParallelProcesses.Details),
        };
        foreach (var (title, text) in answers)
        {
            if (text is not null && text.Length > threshold)
            {
                yield return (title, text);
            }
        }
    }
}
