using System.Text.Json.Nodes;

namespace ScrBot.Bot.Routing;

/// <summary>
/// The help card: the typed commands with what they do, and a button for each main task (at most five,
/// the first one primary). Adaptive Card schema 1.5, written by hand.
/// </summary>
public static class HelpCard
{
    public const string Title = "ScrBot · Serious Case Reviews";
    public const int MaxActions = 5;

    public static JsonObject Build(IEnumerable<(string Command, string Description)> commands, IEnumerable<HelpEntry> buttons, string? intro = null)
    {
        var body = new JsonArray
        {
            TextBlock(Title, heading: true),
        };
        if (intro is not null)
        {
            body.Add(TextBlock(intro));
        }

        var facts = new JsonArray();
        foreach (var (command, description) in commands)
        {
            facts.Add(new JsonObject { ["title"] = command, ["value"] = description });
        }

        if (facts.Count > 0)
        {
            body.Add(TextBlock("Type one of these, or press a button:", subtle: true));
            body.Add(new JsonObject { ["type"] = "FactSet", ["facts"] = facts });
        }

        var actions = new JsonArray();
        foreach (var entry in buttons.Where(b => b.Verb is not null).Take(MaxActions))
        {
            var action = new JsonObject
            {
                ["type"] = "Action.Execute",
                ["title"] = entry.Title,
                ["verb"] = entry.Verb,
                ["data"] = new JsonObject { ["verb"] = entry.Verb },
            };
            if (actions.Count == 0)
            {
                action["style"] = "positive";
            }

            actions.Add(action);
        }

        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
        };
        if (actions.Count > 0)
        {
            card["actions"] = actions;
        }

        return card;
    }

    private static JsonObject TextBlock(string text, bool heading = false, bool subtle = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (heading)
        {
            block["style"] = "heading";
            block["size"] = "Large";
            block["weight"] = "Bolder";
        }

        if (subtle)
        {
            block["isSubtle"] = true;
        }

        return block;
    }
}

/// <summary>The buttons and commands the help card offers: the standard entries, then any features add.</summary>
public sealed class HelpCatalogue(IEnumerable<HelpEntry> contributed, IEnumerable<ICommandHandler> commands)
{
    /// <summary>The main tasks, on every help card.</summary>
    public static readonly IReadOnlyList<HelpEntry> Standard =
    [
        new("New referral", "Refer a case for a Serious Case Review", Verb: "referral.start", Command: "referral", Order: 10),
        new("Case status", "See where a case you are part of has got to", Verb: "case.status", Command: "status", Order: 20),
    ];

    /// <summary>Buttons, by order; a later entry with the same verb (or command) replaces an earlier one.</summary>
    public IReadOnlyList<HelpEntry> Entries { get; } = Standard.Concat(contributed)
        .Select((entry, index) => (entry, index))
        .GroupBy(e => e.entry.Verb ?? "command:" + e.entry.Command, StringComparer.OrdinalIgnoreCase)
        .Select(g => g.Last())
        .OrderBy(e => e.entry.Order).ThenBy(e => e.index)
        .Select(e => e.entry)
        .ToList();

    /// <summary>The typed commands that are really handled, help last.</summary>
    public IReadOnlyList<(string Command, string Description)> Commands { get; } = commands
        .OrderBy(c => c.Command.Equals(HelpCommand.Word, StringComparison.OrdinalIgnoreCase) ? 1 : 0)
        .ThenBy(c => c.Command, StringComparer.OrdinalIgnoreCase)
        .Select(c => (c.Command, c.Description))
        .ToList();

    public HelpEntry? ForVerb(string verb) =>
        Entries.FirstOrDefault(e => string.Equals(e.Verb, verb, StringComparison.OrdinalIgnoreCase));

    public JsonObject Card(string? intro = null) => HelpCard.Build(Commands, Entries, intro);
}

/// <summary><c>help</c>: answers with the help card.</summary>
public sealed class HelpCommand(IServiceProvider services) : ICommandHandler
{
    public const string Word = "help";

    public string Command => Word;

    public string Description => "Show what I can do";

    public Task HandleAsync(TurnContext context, string arguments)
    {
        var catalogue = (HelpCatalogue)services.GetService(typeof(HelpCatalogue))!;
        return context.SendCardAsync(catalogue.Card(), "What ScrBot can do");
    }
}
