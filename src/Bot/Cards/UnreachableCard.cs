using System.Text.Json.Nodes;
using ScrBot.Bot.Delivery;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Cards;

/// <summary>
/// The Board Manager is told that someone could not be reached: who, what ScrBot was sending, why, and that it goes
/// the moment they open ScrBot. The case reference only, never a child's details (it may go to the board's channel).
/// </summary>
public static class UnreachableCard
{
    /// <param name="missed">What was held, for whom and why.</param>
    /// <param name="email">The person's address from the board directory: the card's button opens a Teams chat with them.</param>
    public static JsonObject Build(HeldCard missed, string? email = null)
    {
        ArgumentNullException.ThrowIfNull(missed);
        var heading = missed.Reference is { } reference
            ? $"{reference} · {missed.PersonName} could not be reached"
            : $"{missed.PersonName} could not be reached";
        return Card(
        [
            Heading(heading),
            Text($"ScrBot could not deliver {missed.What} to {missed.PersonName}."),
            Facts(
            [
                ("Who", missed.PersonName),
                ("What", Capitalised(missed.What)),
                ("Why", missed.Reason),
                ("Since", Words.DateAndTime(missed.HeldAt)),
            ]),
            Text($"It is kept and goes to {missed.PersonName} the moment they open ScrBot in Teams. Please ask them to open ScrBot (in Teams: Apps, then ScrBot), or ask your Teams administrator to install ScrBot for them."),
        ],
        email is { Length: > 0 }
            ? [OpenUrl($"Message {missed.PersonName}", new Uri("https://teams.microsoft.com/l/chat/0/0?users=" + Uri.EscapeDataString(email)
                + "&message=" + Uri.EscapeDataString("Please open ScrBot in Teams (Apps, then ScrBot): it has something for you.")))]
            : null);
    }

    private static string Capitalised(string text) => text.Length > 0 ? char.ToUpperInvariant(text[0]) + text[1..] : text;
}
