using System.Text.Json.Nodes;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Referral;
using ScrBot.Bot.Routing;
using ScrBot.Bot.Storage;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Conversations;

/// <summary>A step a person owes on one case.</summary>
public sealed record OwedStep(CaseView Case, CaseStep Step);

/// <summary><c>tasks</c>: what a person owes across all their cases, most urgent first, each with its button.</summary>
public sealed class TasksCommand(TaskLedger ledger, CaseStore cases, CaseConversations conversations, BoardDirectory directory) : ICommandHandler
{
    public const string Word = "tasks";

    public string Command => Word;

    public string Description => "See what you owe across all your cases, most urgent first";

    public async Task HandleAsync(TurnContext context, string arguments)
    {
        var caller = Caller.Of(context);
        if (caller.Person is not { } person)
        {
            await context.SendTextAsync(caller.Refusal!).ConfigureAwait(false);
            return;
        }

        var owed = await OwedAsync(person.Id, context.CancellationToken).ConfigureAwait(false);
        await context.SendCardAsync(TasksCard.Build(owed), "Your tasks").ConfigureAwait(false);
    }

    /// <summary>Every open step this person owes, on every case they have been sent a card for, most urgent first.</summary>
    public async Task<IReadOnlyList<OwedStep>> OwedAsync(PersonId person, CancellationToken cancellationToken)
    {
        var owed = new List<OwedStep>();
        foreach (var (board, text) in await ledger.CasesOfAsync(person, cancellationToken).ConfigureAwait(false))
        {
            if (!CaseReference.TryParse(text, out var reference)
                || await cases.LoadAsync(board, reference.Value, cancellationToken).ConfigureAwait(false) is not { } stored
                || !CaseAccess.HasRoleOnCase(stored.State, person, directory))
            {
                continue;
            }

            var view = conversations.View(stored);
            owed.AddRange(conversations.StepsOf(view).Where(s => s.IsOwedBy(person)).Select(s => new OwedStep(view, s)));
        }

        return owed.OrderBy(o => o.Step.Due ?? DateOnly.MaxValue).ThenBy(o => o.Case.Reference.Value, StringComparer.Ordinal).ToList();
    }
}

/// <summary>The <c>tasks</c> answer: one line per step owed, most urgent first, each with the button that opens its card.</summary>
public static class TasksCard
{
    public const int MaxButtons = 5;

    /// <summary>The help card's "My tasks" button: the same answer as typing <c>tasks</c>.</summary>
    public const string ListVerb = "task.list";

    public static JsonObject Build(IReadOnlyList<OwedStep> owed)
    {
        ArgumentNullException.ThrowIfNull(owed);
        var body = new List<JsonNode?> { Heading(owed.Count == 0 ? "Your tasks · Nothing owed" : $"Your tasks · {Words.Count(owed.Count, "step", "steps")} owed") };
        if (owed.Count == 0)
        {
            body.Add(Text("You owe nothing on any case now. New steps arrive in this chat as cards.", subtle: true));
            return Card(body);
        }

        body.Add(Text("Most urgent first. Press a step to open its card.", subtle: true));
        foreach (var item in owed)
        {
            var due = item.Step.Due is { } d ? HumanDates.FormatWithRelative(d, item.Case.Today, item.Case.Calendar) : "no date set";
            var line = Container([Text($"{item.Case.Reference} · {item.Step.Title}", strong: true), Text("Due " + due, subtle: true)]);
            line["selectAction"] = Execute($"{item.Case.Reference} · {item.Step.Title}", HubCard.OpenVerb, Open(item), sendInputs: false);
            body.Add(line);
        }

        var buttons = owed.Take(MaxButtons).Select(o => Execute($"{o.Case.Reference} · {o.Step.Title}", HubCard.OpenVerb, Open(o), sendInputs: false));
        return CardBudget.Fit(_ => Card(body, buttons));
    }

    private static JsonObject Open(OwedStep item) =>
        new() { [TaskCard.CaseKey] = item.Case.Reference.Value, [TaskCard.StepKey] = item.Step.Key };
}

/// <summary>
/// <c>task.open</c>: the hub's, <c>case</c>'s and <c>tasks</c>' buttons: the step's task card for the person who owes
/// it; "Already recorded by … on …" once it is done; for a case they cannot see, the answer for one that does not exist.
/// <c>task.list</c>: the help card's "My tasks", the same answer as typing <c>tasks</c>.
/// </summary>
public sealed class OpenTaskAction(CaseConversations conversations, TasksCommand tasks) : ICardActionHandler
{
    public string VerbPrefix => "task.";

    public async Task<CardActionResult> HandleAsync(TurnContext context, CardAction action)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        var caller = Caller.Of(context);
        if (caller.Person is not { } person)
        {
            return Caller.Refused(caller);
        }

        if (action.Verb == TasksCard.ListVerb)
        {
            return CardActionResult.ReplaceCard(TasksCard.Build(await tasks.OwedAsync(person.Id, context.CancellationToken).ConfigureAwait(false)));
        }

        if (action.Verb != HubCard.OpenVerb)
        {
            return CardActionResult.Error(Replies.UnknownButton, 400, "UnknownAction");
        }

        var found = await conversations.FindAsync(person, TaskCard.Value(action.Data, TaskCard.CaseKey), "open a step's card", context.CancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return CardActionResult.Message(CaseStatusService.NotFound);
        }

        var step = found.Steps.FirstOrDefault(s => s.Key == TaskCard.Value(action.Data, TaskCard.StepKey));
        if (step is null)
        {
            return CardActionResult.Message("That step does not exist on this case. Type tasks for what you owe.");
        }

        if (!step.Open)
        {
            return CardActionResult.Message(step.Done is null
                ? $"{step.Title} is not due at this stage of the case. Type case {found.View.Reference} to see where it stands."
                : TaskCard.AlreadyRecorded(step, step.Done));
        }

        return step.IsOwedBy(person.Id)
            ? CardActionResult.ReplaceCard(step.TaskCard(new StepView(found.View, step, person)))
            : CardActionResult.Message($"{step.Title} is for {string.Join(", ", step.Owners.Select(o => o.Name))}, not you.");
    }
}
