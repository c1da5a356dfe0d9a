using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScrBot.Bot.Referral;

/// <summary>
/// Takes a form card's submission apart: the inputs of one section as the strings the card sent (Input.Text, Date,
/// Number, ChoiceSet and Toggle all send strings; a client may send a number or a boolean instead, which is read as
/// its text), and the action's own data (which section, which draft).
/// </summary>
public static class SubmissionParser
{
    /// <summary>No answer is kept longer than this, whatever a client sends: far above every form limit, so that an
    /// over-long answer is still refused by the rules, and small enough to store.</summary>
    public const int MaxAnswerLength = 10_000;

    public static Dictionary<string, string> Inputs(JsonNode? data, FormSection section, int significantOtherRows)
    {
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (data is not JsonObject fields)
        {
            return inputs;
        }

        foreach (var id in InputIds.Of(section, significantOtherRows))
        {
            if (fields.TryGetPropertyValue(id, out var node) && Text(node) is { } text)
            {
                inputs[id] = text.Length > MaxAnswerLength ? text[..MaxAnswerLength] : text;
            }
        }

        return inputs;
    }

    public static string? String(JsonNode? data, string name) =>
        data is JsonObject fields && fields.TryGetPropertyValue(name, out var node) ? Text(node) : null;

    public static FormSection? Section(JsonNode? data, string name = "section") =>
        FormSections.TryParse(String(data, name), out var section) ? section : null;

    private static string? Text(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    internal static string Invariant(int n) => n.ToString(CultureInfo.InvariantCulture);
}
