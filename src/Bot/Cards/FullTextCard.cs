using System.Text.Json.Nodes;
using ScrBot.Bot.Referral;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Referral;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Cards;

/// <summary>
/// The referral in full after a card that had to shorten it to stay within Teams' message size: one message per
/// section, and one per answer that is still too long for its section's message.
/// </summary>
public static class FullTextCard
{
    public const string ShortenedNote = "Long answers are shortened on this card (they end in …): the full referral follows in the next messages.";

    public static JsonObject Answer(CaseReference reference, string title, string text) => Card(
    [
        ConfidentialLine(),
        Heading($"{reference} · {title} (in full)"),
        Text(text),
    ]);

    public static (JsonObject Card, int? Limit) Section(CaseReference reference, FormSection section, NotificationForm form, BoardDirectory directory) =>
        CardBudget.FitWithLimit(limit => Card(
        [
            ConfidentialLine(),
            Heading($"{reference} · The referral in full · {FormSections.Position(section)}"),
            limit is null ? null : Text("Long answers are shortened here (they end in …) and follow one per message.", subtle: true),
            ReferralDetails.Section(section, form, directory, limit),
        ]));

    /// <summary>The messages that carry a referral in full, for someone whose main card had to shorten it.</summary>
    public static IEnumerable<(JsonObject Card, string Summary)> Messages(CaseReference reference, NotificationForm form, BoardDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(form);
        foreach (var section in FormSections.All)
        {
            var (card, limit) = Section(reference, section, form, directory);
            yield return (card, $"{reference} · {FormSections.Position(section)}");
            foreach (var (title, text) in ReferralDetails.TypedAnswers(section, form).Where(a => limit is { } l && a.Text.Length > l))
            {
                yield return (Answer(reference, title, text), $"{reference} · {title}");
            }
        }
    }
}
