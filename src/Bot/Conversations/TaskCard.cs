using System.Text.Json.Nodes;
using ScrBot.Bot.Cards;
using ScrBot.Domain.Calendar;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Conversations;

/// <summary>
/// The frame every task card shares: the case reference and the step in the toolkit's words, who asked, the due date
/// with "in N working days" or "N working days overdue", the facts needed to act, the inputs and the button(s) that do
/// it. Once done, every copy becomes <see cref="Done"/>: who did it and when. The data of every button names the case
/// and the step only; the server decides the rest.
/// </summary>
public static class TaskCard
{
    public const string CaseKey = "case";
    public const string StepKey = "step";

    /// <summary>The data every task button sends: which case and which step the person meant.</summary>
    public static JsonObject Data(StepView view, JsonObject? more = null)
    {
        var data = new JsonObject { [CaseKey] = view.Case.Reference.Value, [StepKey] = view.Step.Key };
        foreach (var (key, value) in more ?? [])
        {
            data[key] = value?.DeepClone();
        }

        return data;
    }

    public static JsonObject Build(
        StepView view,
        IEnumerable<(string Title, string Value)> facts,
        IEnumerable<JsonNode?> body,
        IEnumerable<JsonNode?> actions,
        string askedBy,
        bool confidential)
    {
        var fixedBody = body.ToList();
        return Build(view, facts, _ => fixedBody, actions, askedBy, confidential);
    }

    /// <summary>
    /// The task card, with a body that shortens long text to <c>limit</c> characters when the whole card would not fit
    /// in a Teams message (see <see cref="CardBudget"/>). Every required input says what is missing.
    /// </summary>
    public static JsonObject Build(
        StepView view,
        IEnumerable<(string Title, string Value)> facts,
        Func<int?, IEnumerable<JsonNode?>> body,
        IEnumerable<JsonNode?> actions,
        string askedBy,
        bool confidential)
    {
        ArgumentNullException.ThrowIfNull(view);
        var factList = facts.ToList();
        var actionList = actions.ToList();
        return CardBudget.Fit(limit => WithRequiredMessages(Frame(view, factList, body(limit), actionList, askedBy, confidential, limit)));
    }

    private static JsonObject Frame(
        StepView view,
        IReadOnlyList<(string Title, string Value)> facts,
        IEnumerable<JsonNode?> body,
        IReadOnlyList<JsonNode?> actions,
        string askedBy,
        bool confidential,
        int? limit)
    {
        var items = new List<JsonNode?>();
        if (confidential)
        {
            items.Add(ConfidentialLine());
        }

        items.Add(Heading($"{view.Case.Reference} · {view.Step.Title}"));
        var all = new List<(string, string)> { ("Asked by", askedBy) };
        if (view.Step.Due is { } due)
        {
            all.Add(("Due", HumanDates.FormatWithRelative(due, view.Case.Today, view.Case.Calendar)));
        }

        all.AddRange(facts.Select(f => (f.Title, CardBudget.Shorten(f.Value, limit))));
        items.Add(Facts(all));
        items.AddRange(body);
        if (view.Error is { } error)
        {
            items.Add(Attention(error));
        }

        return Card(items, actions.Select(a => a?.DeepClone()));
    }

    /// <summary>Every required input gets the words shown when it is left empty ("Date of the sub-group meeting is required.").</summary>
    private static JsonObject WithRequiredMessages(JsonObject card)
    {
        foreach (var input in Inputs(card).Where(i => IsCheckedByClient(i) && i["errorMessage"] is null))
        {
            var label = input["label"]?.GetValue<string>() ?? "This answer";
            input["errorMessage"] = (input["min"], input["max"]) switch
            {
                (not null, not null) => $"{label} must be between {input["min"]} and {input["max"]}.",
                (null, not null) => $"{label} cannot be later than {input["max"]}.",
                (not null, null) => $"{label} cannot be earlier than {input["min"]}.",
                _ => $"{label} is required.",
            };
        }

        return card;
    }

    private static IEnumerable<JsonObject> Inputs(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() is { } type && type.StartsWith("Input.", StringComparison.Ordinal) => [o],
        JsonObject o => o.SelectMany(p => Inputs(p.Value)),
        JsonArray a => a.SelectMany(Inputs),
        _ => [],
    };

    /// <summary>
    /// What every copy of a step's card becomes once it is done, by anyone ("… done by Patti Fernandez on …"), or once it
    /// passed to someone else (the Vice-Chair after the Sub-group Chair declared direct involvement).
    /// </summary>
    public static JsonObject Done(CaseView view, CaseStep step)
    {
        var done = step.Done;
        var body = new List<JsonNode?>
        {
            Heading($"{view.Reference} · {step.Title}"),
            done is not null ? Text(DoneWords(step, done), strong: true)
                : step.Open && step.Owners.Count > 0 ? Text($"This step is now with {string.Join(", ", step.Owners.Select(o => o.Name))}. Nothing more for you to do here.")
                : Text("This step is no longer needed. Nothing more to do here.", subtle: true),
            Text("Type tasks to see what you still owe, or case " + view.Reference + " for the case.", subtle: true),
        };
        return Card(body);
    }

    /// <summary>"Records secured by Patti Fernandez on Tuesday 3 March 2027 10:14".</summary>
    public static string DoneWords(CaseStep step, StepDone done) =>
        done.Words ?? $"{step.Title}: done by {done.By.Name} on {Words.DateAndTime(done.At)}.";

    /// <summary>The answer to a stale or repeated click: nothing changed.</summary>
    public static string AlreadyRecorded(CaseStep step, StepDone? done) =>
        done is null
            ? $"{step.Title} is no longer needed on this case. Nothing was changed."
            : done.Words is { } words ? $"Already decided: {words} Nothing was changed."
            : $"Already recorded by {done.By.Name} on {Words.DateAndTime(done.At)}. Nothing was changed.";

    /// <summary>A submitted date (yyyy-MM-dd), or null when absent or not a date.</summary>
    public static DateOnly? DateValue(JsonObject data, string id) =>
        DateOnly.TryParseExact(Value(data, id), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? date
            : null;

    /// <summary>A submitted value as text ("" when absent).</summary>
    public static string Value(JsonObject data, string id) =>
        data[id] is JsonValue value && value.TryGetValue<string>(out var text) ? text.Trim() : "";
}
