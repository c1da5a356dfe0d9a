using System.Text.Json.Nodes;
using ScrBot.Bot.Connector;

namespace ScrBot.Bot.Cards;

/// <summary>
/// Teams refuses a bot message over 40 KB, counting the whole payload as UTF-16. A card that quotes long answers is
/// built at full length when it fits, and otherwise with the long answers shortened until it does.
/// </summary>
public static class CardBudget
{
    public const int MaxPayloadBytes = 40 * 1024;

    /// <summary>What a message's envelope (type, ids, conversation, sender, recipient, service URL) adds around a card, generously.</summary>
    public const int EnvelopeAllowanceChars = 1024;

    /// <summary>The text lengths tried in turn, from no limit down.</summary>
    public static readonly IReadOnlyList<int?> Limits = [null, 2000, 1200, 800, 500, 300, 150, 80, 40];

    /// <summary>
    /// The bytes the message carrying this card takes, as Teams counts them (UTF-16: two bytes a code unit), written
    /// exactly as the sender writes it.
    /// </summary>
    public static int PayloadBytes(JsonNode card) => BotJson.Utf16Size(Activity.Card((JsonObject)card.DeepClone()));

    public static bool Fits(JsonNode card) => PayloadBytes(card) + (EnvelopeAllowanceChars * 2) <= MaxPayloadBytes;

    /// <summary>The first card, from full length down, that fits; the shortest if none does.</summary>
    public static JsonObject Fit(Func<int?, JsonObject> build) => FitWithLimit(build).Card;

    /// <summary>The first card, from full length down, that fits, and the text length it was built with (null: none shortened).</summary>
    public static (JsonObject Card, int? Limit) FitWithLimit(Func<int?, JsonObject> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        (JsonObject? Card, int? Limit) last = (null, null);
        foreach (var limit in Limits)
        {
            last = (build(limit), limit);
            if (Fits(last.Card))
            {
                return last!;
            }
        }

        return last!;
    }

    /// <summary>The text, or its first <paramref name="limit"/> characters and "…" when it is longer.</summary>
    public static string Shorten(string text, int? limit)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (limit is not { } max || text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', max - 1);
        return text[..(cut > max / 2 ? cut : max)].TrimEnd() + " …";
    }
}
