using System.Text.Json.Nodes;
using ScrBot.Bot.Connector;

namespace ScrBot.Bot.Cards;

/// <summary>
/// Teams refuses a bot message over about 100 KB, counting the whole payload as UTF-16, and recommends staying within
/// 80 KB (learn.microsoft.com, "Format your bot messages"; the limit was 40 KB until September 2025). A card that
/// quotes long answers is built at full length when it fits within 80 KB, and otherwise with the long answers
/// shortened until it does. Every card sent or returned as an invoke's answer is held to the same budget
/// (<see cref="Bounded"/>).
/// </summary>
public static class CardBudget
{
    /// <summary>What a card's message aims to stay within: Microsoft's recommended 80 KB.</summary>
    public const int MaxPayloadBytes = 80 * 1024;

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

    /// <summary>The properties that carry text a person reads or typed, which may be shortened to fit.</summary>
    private static readonly HashSet<string> TextProperties = new(StringComparer.Ordinal)
    {
        "text", "value", "title", "label", "placeholder", "errorMessage", "fallbackText", "altText", "speak",
    };

    /// <summary>
    /// The card as it is when it fits; otherwise a copy with every long text (a TextBlock's text, an input's value, a
    /// fact, a label) shortened with "…", from the longest limit down, until it fits. An action's data is never
    /// changed, so its buttons still work.
    /// </summary>
    public static JsonObject Bounded(JsonObject card)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (Fits(card))
        {
            return card;
        }

        JsonObject shortened = card;
        foreach (var limit in Limits.OfType<int>())
        {
            shortened = (JsonObject)card.DeepClone();
            ShortenTexts(shortened, limit);
            if (Fits(shortened))
            {
                return shortened;
            }
        }

        return shortened;
    }

    private static void ShortenTexts(JsonNode node, int limit)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (name == "data")
                    {
                        continue;
                    }

                    if (value is JsonValue text && TextProperties.Contains(name) && text.TryGetValue<string>(out var s) && s.Length > limit)
                    {
                        obj[name] = Shorten(s, limit);
                    }
                    else if (value is JsonObject or JsonArray)
                    {
                        ShortenTexts(value, limit);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is JsonObject or JsonArray)
                    {
                        ShortenTexts(item, limit);
                    }
                }

                break;
        }
    }
}
