using System.Text.Json.Nodes;

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
    public static readonly IReadOnlyList<int?> Limits = [null, 2000, 1200, 800, 500, 300, 150];

    /// <summary>The bytes the message carrying this card takes, as Teams counts them (UTF-16: two bytes a code unit).</summary>
    public static int PayloadBytes(JsonNode card) => (AdaptiveCard.ToJson(Envelope(card)).Length) * 2;

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

    /// <summary>The text, or its first <paramref name="limit"/> characters with a note that it was shortened.</summary>
    public static string Shorten(string text, int? limit, string where)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (limit is not { } max || text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', max);
        var head = text[..(cut > max / 2 ? cut : max)].TrimEnd();
        return $"{head} … (shortened here: {where})";
    }

    /// <summary>A message activity carrying the card, as the bot sends it.</summary>
    public static JsonObject Envelope(JsonNode card) => new()
    {
        ["type"] = "message",
        ["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = AdaptiveCard.ContentType,
            ["content"] = card.DeepClone(),
        }),
    };
}
