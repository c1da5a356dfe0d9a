using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScrBot.Bot.Cards;

/// <summary>
/// The parts every card is made of, as Adaptive Card 1.5 JSON: text wraps, inputs have labels, nothing has a pixel
/// width. The card builders in this folder combine these into one card each.
/// </summary>
public static class AdaptiveCard
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string Version = "1.5";

    /// <summary>How cards are written to the wire: compact, with non-ASCII text kept as it is (so that a card's size
    /// is what Teams counts).</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static readonly JsonSerializerOptions IndentedJson = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    public static JsonObject Card(IEnumerable<JsonNode?> body, IEnumerable<JsonNode?>? actions = null)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = Version,
            ["body"] = Array(body),
        };
        var list = actions?.Where(a => a is not null).ToList();
        if (list is { Count: > 0 })
        {
            card["actions"] = Array(list);
        }

        return card;
    }

    public static string ToJson(JsonNode card, bool indented = false) => card.ToJsonString(indented ? IndentedJson : Json);

    // ── Text ───────────────────────────────────────────────────────────────────────────────────────────────

    /// <summary>The small line at the top of a card that carries a child's details.</summary>
    public static JsonObject ConfidentialLine(string text = Words.Confidential) => new()
    {
        ["type"] = "TextBlock",
        ["text"] = text,
        ["wrap"] = true,
        ["size"] = "Small",
        ["isSubtle"] = true,
    };

    public static JsonObject Heading(string text) => new()
    {
        ["type"] = "TextBlock",
        ["text"] = text,
        ["wrap"] = true,
        ["style"] = "heading",
        ["size"] = "Large",
        ["weight"] = "Bolder",
    };

    public static JsonObject Subheading(string text, bool separator = false)
    {
        var block = new JsonObject
        {
            ["type"] = "TextBlock",
            ["text"] = text,
            ["wrap"] = true,
            ["weight"] = "Bolder",
            ["size"] = "Medium",
            ["spacing"] = "Large",
        };
        if (separator)
        {
            block["separator"] = true;
        }

        return block;
    }

    public static JsonObject Text(string text, bool subtle = false, bool strong = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (subtle)
        {
            block["isSubtle"] = true;
        }

        if (strong)
        {
            block["weight"] = "Bolder";
        }

        return block;
    }

    /// <summary>A message in the attention colour: a server-side error right under the input it concerns.</summary>
    public static JsonObject Attention(string text, bool strong = false)
    {
        var block = new JsonObject
        {
            ["type"] = "TextBlock",
            ["text"] = text,
            ["wrap"] = true,
            ["color"] = "Attention",
            ["spacing"] = "Small",
        };
        if (strong)
        {
            block["weight"] = "Bolder";
        }

        return block;
    }

    public static JsonObject Bullets(IEnumerable<string> lines) =>
        Text(string.Join("\n", lines.Select(l => "- " + l)));

    public static JsonObject Facts(IEnumerable<(string Title, string Value)> facts) => new()
    {
        ["type"] = "FactSet",
        ["facts"] = Array(facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Title, ["value"] = f.Value })),
    };

    public static JsonObject Container(IEnumerable<JsonNode?> items, string? style = null, bool separator = false, string? spacing = null)
    {
        var container = new JsonObject { ["type"] = "Container", ["items"] = Array(items) };
        if (style is not null)
        {
            container["style"] = style;
        }

        if (separator)
        {
            container["separator"] = true;
        }

        if (spacing is not null)
        {
            container["spacing"] = spacing;
        }

        return container;
    }

    // ── Inputs ─────────────────────────────────────────────────────────────────────────────────────────────

    /// <summary>
    /// An input followed, when the server found a problem with it, by the problem in the attention colour; the
    /// input's <c>errorMessage</c> carries the same words. An input the client checks (required, or with a
    /// <c>min</c>/<c>max</c>) always carries an <c>errorMessage</c>, so that a button it blocks says why: the server's
    /// problem when there is one, else what the input's own limit says, else <paramref name="requiredMessage"/>.
    /// </summary>
    public static IEnumerable<JsonNode> WithError(JsonObject input, string? error, string requiredMessage)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (error is not null)
        {
            input["errorMessage"] = error;
        }
        else if (input["errorMessage"] is null && IsCheckedByClient(input))
        {
            input["errorMessage"] = requiredMessage;
        }

        yield return input;
        if (error is not null)
        {
            yield return Attention(error);
        }
    }

    public static JsonObject TextInput(string id, string label, string value, int maxLength, bool required = false, bool multiline = false, string? placeholder = null)
    {
        var input = new JsonObject
        {
            ["type"] = "Input.Text",
            ["id"] = id,
            ["label"] = label,
            ["maxLength"] = maxLength,
        };
        if (multiline)
        {
            input["isMultiline"] = true;
        }

        return Answered(input, value, required, placeholder);
    }

    /// <summary>True when the Teams client checks the input before it lets a button send it.</summary>
    public static bool IsCheckedByClient(JsonObject input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input["isRequired"]?.GetValue<bool>() == true || input["min"] is not null || input["max"] is not null || input["regex"] is not null;
    }

    /// <summary>A date input; with <paramref name="max"/>, a later date is refused in the client with a message saying so.</summary>
    public static JsonObject DateInput(string id, string label, string value, bool required = false, DateOnly? max = null)
    {
        var input = new JsonObject { ["type"] = "Input.Date", ["id"] = id, ["label"] = label };
        if (max is { } m)
        {
            input["max"] = m.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            input["errorMessage"] = $"Enter a date no later than {Words.Date(m)}" + (required ? "." : ", or leave it empty.");
        }

        return Answered(input, value, required);
    }

    /// <summary>What every input carries the same way: the answer given so far, whether it is required, a placeholder.</summary>
    private static JsonObject Answered(JsonObject input, string value, bool required, string? placeholder = null)
    {
        if (placeholder is not null)
        {
            input["placeholder"] = placeholder;
        }

        if (required)
        {
            input["isRequired"] = true;
        }

        if (value.Length > 0)
        {
            input["value"] = value;
        }

        return input;
    }

    public static JsonObject NumberInput(string id, string label, string value, int min, int max)
    {
        var input = new JsonObject
        {
            ["type"] = "Input.Number",
            ["id"] = id,
            ["label"] = label,
            ["min"] = min,
            ["max"] = max,
            ["errorMessage"] = $"Enter a whole number from {min} to {max}, or leave it empty.",
        };
        if (value.Length > 0)
        {
            // A number input holds a number; an answer that is not one stays in the draft and its error says so.
            if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                input["value"] = number;
            }
        }

        return input;
    }

    public static JsonObject Choices(
        string id,
        string label,
        IEnumerable<(string Title, string Value)> choices,
        string value,
        bool required = false,
        bool expanded = true,
        bool multiSelect = false,
        string? placeholder = null)
    {
        var input = new JsonObject
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = id,
            ["label"] = label,
            ["choices"] = Array(choices.Select(c => (JsonNode)new JsonObject { ["title"] = c.Title, ["value"] = c.Value })),
            ["wrap"] = true,
        };
        if (expanded)
        {
            input["style"] = "expanded";
        }

        if (multiSelect)
        {
            input["isMultiSelect"] = true;
        }

        return Answered(input, value, required, placeholder);
    }

    public static JsonObject Toggle(string id, string label, string title, string value, bool required = false)
    {
        var input = new JsonObject
        {
            ["type"] = "Input.Toggle",
            ["id"] = id,
            ["label"] = label,
            ["title"] = title,
            ["valueOn"] = "true",
            ["valueOff"] = "false",
            ["value"] = value == "true" ? "true" : "false",
            ["wrap"] = true,
        };
        if (required)
        {
            input["isRequired"] = true;
        }

        return input;
    }

    // ── Actions ────────────────────────────────────────────────────────────────────────────────────────────

    /// <summary>A Universal Action (<c>Action.Execute</c>): Teams sends it to the bot as an <c>adaptiveCard/action</c> invoke.</summary>
    public static JsonObject Execute(string title, string verb, JsonObject? data = null, string? style = null, bool sendInputs = true)
    {
        var action = new JsonObject { ["type"] = "Action.Execute", ["title"] = title, ["verb"] = verb };
        if (data is not null)
        {
            action["data"] = data;
        }

        if (style is not null)
        {
            action["style"] = style;
        }

        if (!sendInputs)
        {
            action["associatedInputs"] = "none";
        }

        return action;
    }

    /// <summary>A destructive action behind a confirmation: the first press only shows what will happen and the button that does it.</summary>
    public static JsonObject Confirmed(string title, string question, JsonObject destructiveAction)
    {
        destructiveAction["style"] = "destructive";
        return new JsonObject
        {
            ["type"] = "Action.ShowCard",
            ["title"] = title,
            ["card"] = new JsonObject
            {
                ["type"] = "AdaptiveCard",
                ["body"] = new JsonArray(Text(question)),
                ["actions"] = new JsonArray(destructiveAction),
            },
        };
    }

    /// <summary>A button that opens a web address (for example a Teams deep link to a chat).</summary>
    public static JsonObject OpenUrl(string title, Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = title, ["url"] = url.AbsoluteUri };
    }

    public static JsonObject ShowCard(string title, IEnumerable<JsonNode?> body, IEnumerable<JsonNode?> actions) => new()
    {
        ["type"] = "Action.ShowCard",
        ["title"] = title,
        ["card"] = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["body"] = Array(body),
            ["actions"] = Array(actions),
        },
    };

    public static JsonObject ActionSet(params JsonNode?[] actions) => new()
    {
        ["type"] = "ActionSet",
        ["actions"] = Array(actions),
    };

    public static JsonArray Array(IEnumerable<JsonNode?> nodes)
    {
        var array = new JsonArray();
        foreach (var node in nodes)
        {
            if (node is not null)
            {
                array.Add(node.Parent is null ? node : node.DeepClone());
            }
        }

        return array;
    }

    /// <summary>
    /// Every action on a card, those in its body included (cards.md: no more than five). The card an
    /// <c>Action.ShowCard</c> opens is a card of its own, counted on its own.
    /// </summary>
    public static int ActionCount(JsonNode? node) => node switch
    {
        JsonObject o => (o["type"]?.GetValue<string>() is { } t && t.StartsWith("Action.", StringComparison.Ordinal) ? 1 : 0) +
                        o.Where(p => p.Key != "selectAction" && !(p.Key == "card" && o["type"]?.GetValue<string>() == "Action.ShowCard"))
                            .Sum(p => ActionCount(p.Value)),
        JsonArray a => a.Sum(ActionCount),
        _ => 0,
    };
}
