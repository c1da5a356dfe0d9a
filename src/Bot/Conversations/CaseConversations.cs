using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Delivery;
using ScrBot.Bot.Referral;
using ScrBot.Bot.Routing;
using ScrBot.Bot.Storage;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;

namespace ScrBot.Bot.Conversations;

/// <summary>A case as a person may see it: its board, its facts and steps; null when they may not.</summary>
public sealed record VisibleCase(CaseView View, IReadOnlyList<CaseStep> Steps);

/// <summary>
/// The interaction model every stage uses, in one place:
/// <list type="bullet">
/// <item><see cref="ActAsync"/>: the one way a task card's button is handled: the case and step the card names, the
/// person's role checked by the domain, a stale or repeated click answered "Already recorded by … on …" with nothing
/// changed, a refusal answered with the domain's plain-English reasons; every refusal kept in the case's audit trail.</item>
/// <item><see cref="SyncAsync"/> (queued after every fact, see <see cref="CaseSyncQueue"/>): every open step's task card is sent to each person who owes it
/// (once), every copy of a step that is done is updated in place (PUT of the sent activity) to say who did it and when,
/// and the Board Manager's hub card is brought up to date.</item>
/// <item><see cref="FindAsync"/>: a case for a person with a role on it, and the very same "not found" for everyone else.</item>
/// </list>
/// </summary>
public sealed class CaseConversations(
    CaseStore cases,
    BoardDirectory directory,
    IEnumerable<IStageSteps> stages,
    IEnumerable<IHubPart> hubParts,
    TaskLedger ledger,
    PersonDelivery delivery,
    BotSender sender,
    ProcessProfiles profiles,
    CaseSyncQueue syncs,
    TimeProvider time,
    ILogger<CaseConversations> logger)
{
    public const string HubStep = "hub";

    private readonly IReadOnlyList<IStageSteps> _stages = stages.ToList();
    private readonly IReadOnlyList<IHubPart> _hubParts = hubParts.ToList();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    /// <summary>The case's view and every step of every stage, derived from its facts today.</summary>
    public CaseView View(StoredCase stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var today = LondonTime.Today(time);
        var profile = profiles.For(stored.Board);
        var calendar = profile.CreateCalendar();
        var obligations = ObligationRules.Derive(stored.Facts, profile, calendar, today);
        return new CaseView(stored.Board, stored.State, stored.Facts, obligations, directory, today, calendar);
    }

    public IReadOnlyList<CaseStep> StepsOf(CaseView view) => _stages.SelectMany(s => s.Steps(view)).ToList();

    /// <summary>The stages' buttons for this person on the case's status, beyond the steps they owe (see <see cref="IHubPart.ActionsFor"/>).</summary>
    public IReadOnlyList<JsonNode?> ActionsFor(CaseView view, Actor person) => _hubParts.SelectMany(p => p.ActionsFor(view, person)).ToList();

    /// <summary>
    /// The case with this reference if this person has a role on it; otherwise null, exactly as for a reference that
    /// does not exist (the refused look is kept in the case's audit trail).
    /// </summary>
    public async Task<VisibleCase?> FindAsync(Actor person, string? typed, string attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (!CaseReference.TryParse(typed, out var parsed))
        {
            return null;
        }

        var reference = parsed.Value;
        foreach (var board in await cases.FindBoardsForReferenceAsync(reference, cancellationToken).ConfigureAwait(false))
        {
            var stored = await cases.LoadAsync(board, reference, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                continue;
            }

            if (!CaseAccess.HasRoleOnCase(stored.State, person.Id, directory))
            {
                await cases.RecordRefusedLookAsync(board, reference, attempt, person,
                    Outcome.Refused("The person has no role on this case."), cancellationToken).ConfigureAwait(false);
                continue;
            }

            var view = View(stored);
            return new VisibleCase(view, StepsOf(view));
        }

        return null;
    }

    /// <summary>
    /// Handles a task card's button: <paramref name="command"/> runs against the case's state at that moment and the
    /// domain decides. Answers with the card that replaces the one pressed (the step done), or a plain message.
    /// </summary>
    public async Task<CardActionResult> ActAsync(
        TurnContext context,
        CardAction action,
        string attempt,
        Func<CaseState, CommandContext, Outcome> command)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(command);
        var caller = Caller.Of(context);
        if (caller.Person is not { } actor)
        {
            return Caller.Refused(caller);
        }

        var found = await FindAsync(actor, TaskCard.Value(action.Data, TaskCard.CaseKey), attempt, context.CancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return CardActionResult.Message(CaseStatusService.NotFound);
        }

        var view = found.View;
        var stepKey = TaskCard.Value(action.Data, TaskCard.StepKey);
        if (found.Steps.FirstOrDefault(s => s.Key == stepKey) is { Open: false, Done: not null } stale)
        {
            return await AlreadyAsync(view, stale, actor, attempt, context.CancellationToken).ConfigureAwait(false);
        }

        var result = await cases.ExecuteAsync(view.Board, view.Reference, attempt, actor,
            (state, _) => command(state, new CommandContext(actor, time.GetUtcNow(), directory)), context.CancellationToken).ConfigureAwait(false);
        var after = await cases.LoadAsync(view.Board, view.Reference, context.CancellationToken).ConfigureAwait(false);
        var afterView = View(after!);
        var step = StepsOf(afterView).FirstOrDefault(s => s.Key == stepKey);
        if (result.IsRefused)
        {
            // Two clicks at once (two people, or one person twice): the other got there first. Say so, rather than the
            // rule that refused this one.
            return step is { Open: false, Done: not null }
                ? CardActionResult.Message(TaskCard.AlreadyRecorded(step, step.Done))
                : CardActionResult.Message(result.Outcome.Explanation);
        }

        // Every other copy, new task cards and the hub follow in the background: the person gets their answer at once.
        syncs.Enqueue(view.Board, view.Reference);
        if (step is null)
        {
            return CardActionResult.Message("Recorded. Nothing more to do here.");
        }

        return step.IsOwedBy(actor.Id)
            ? CardActionResult.ReplaceCard(step.TaskCard(new StepView(afterView, step, actor)))
            : CardActionResult.ReplaceCard(TaskCard.Done(afterView, step));
    }

    /// <summary>
    /// A task card's button delivered again (Teams retried the invoke): answered from the case as it is now, without
    /// acting a second time — the step's card as the person should see it, or null when the card names no step.
    /// </summary>
    public async Task<CardActionResult?> AnswerAgainAsync(TurnContext context, CardAction action)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        if (Caller.Of(context).Person is not { } actor)
        {
            return null;
        }

        var found = await FindAsync(actor, TaskCard.Value(action.Data, TaskCard.CaseKey), "answer a button again", context.CancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return CardActionResult.Message(CaseStatusService.NotFound);
        }

        var step = found.Steps.FirstOrDefault(s => s.Key == TaskCard.Value(action.Data, TaskCard.StepKey));
        return step is null ? null
            : step.IsOwedBy(actor.Id) ? CardActionResult.ReplaceCard(step.TaskCard(new StepView(found.View, step, actor)))
            : CardActionResult.ReplaceCard(TaskCard.Done(found.View, step));
    }

    /// <summary>
    /// For a button whose work is done elsewhere before anything is recorded (finding a time, booking the meeting in
    /// Outlook): the same checks as <see cref="ActAsync"/> — the case the card names, the person's role, a stale card — with
    /// <paramref name="allowed"/> (the domain's command tried on the state at that moment, nothing kept) deciding. Returns
    /// the step as the person sees it, or the answer to give (a refusal, kept in the case's audit trail like any other).
    /// </summary>
    public async Task<(StepView? Step, CardActionResult? Answer)> CheckAsync(
        TurnContext context,
        CardAction action,
        string attempt,
        Func<CaseState, CommandContext, Outcome> allowed)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(allowed);
        var caller = Caller.Of(context);
        if (caller.Person is not { } actor)
        {
            return (null, Caller.Refused(caller));
        }

        var found = await FindAsync(actor, TaskCard.Value(action.Data, TaskCard.CaseKey), attempt, context.CancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return (null, CardActionResult.Message(CaseStatusService.NotFound));
        }

        var view = found.View;
        var step = found.Steps.FirstOrDefault(s => s.Key == TaskCard.Value(action.Data, TaskCard.StepKey));
        if (step is { Open: false, Done: not null })
        {
            return (null, await AlreadyAsync(view, step, actor, attempt, context.CancellationToken).ConfigureAwait(false));
        }

        var outcome = allowed(view.State, new CommandContext(actor, time.GetUtcNow(), directory));
        if (outcome.IsRefused || step is null)
        {
            var words = outcome.IsRefused ? outcome.Explanation : "This step is not open on this case. Nothing was changed.";
            await cases.ExecuteAsync(view.Board, view.Reference, attempt, actor, (_, _) => Outcome.Refused(words), context.CancellationToken).ConfigureAwait(false);
            return (null, CardActionResult.Message(words));
        }

        return (new StepView(view, step, actor), null);
    }

    private async Task<CardActionResult> AlreadyAsync(CaseView view, CaseStep step, Actor actor, string attempt, CancellationToken cancellationToken)
    {
        var words = TaskCard.AlreadyRecorded(step, step.Done);
        await cases.ExecuteAsync(view.Board, view.Reference, attempt, actor, (_, _) => Outcome.Refused(words), cancellationToken).ConfigureAwait(false);
        return CardActionResult.Message(words);
    }

    /// <summary>
    /// Brings every card of the case up to date with its facts: sends each open step's task card to whoever owes it and
    /// has not been sent it, updates in place every copy of a step that is done, and keeps the hub card current. Safe to
    /// run again at any time; runs one at a time per case.
    /// </summary>
    public async Task SyncAsync(BoardId board, CaseReference reference, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd($"{board.Value}|{reference.Value}", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stored = await cases.LoadAsync(board, reference, cancellationToken).ConfigureAwait(false);
            if (stored is null || !stored.State.Exists)
            {
                return;
            }

            var view = View(stored);
            var steps = StepsOf(view);
            var sent = await ledger.SentForCaseAsync(board, reference, cancellationToken).ConfigureAwait(false);
            var reasons = new Dictionary<string, string>(StringComparer.Ordinal);

            foreach (var copy in sent.Where(c => c.Step != HubStep && !c.Done))
            {
                var step = steps.FirstOrDefault(s => s.Key == copy.Step);
                if (step is not null && step.Open && step.IsCopiedTo(new PersonId(copy.Person)))
                {
                    continue;
                }

                var card = step is null ? TaskCard.Done(view, new CaseStep(copy.Step, "This step", [], null, false, null, _ => [])) : TaskCard.Done(view, step);
                if (await UpdateAsync(copy, card, $"{reference} · {step?.Title ?? "Done"}", cancellationToken).ConfigureAwait(false))
                {
                    await ledger.KeepAsync(board, reference, copy with { Done = true }, cancellationToken).ConfigureAwait(false);
                }
            }

            // A copy of a step already done, to someone sent one only once it is done (the referrer told the outcome).
            foreach (var step in steps.Where(s => !s.Open && s.Done is not null && s.CopiesTo.Count > 0))
            {
                foreach (var person in step.CopiesTo.DistinctBy(o => o.Id).Where(p => !sent.Any(c => c.Step == step.Key && c.Person == p.Id.Value)))
                {
                    if (await SendAsync(board, reference, step.Key, person, TaskCard.Done(view, step), $"{reference} · {step.Title}", cancellationToken, done: true).ConfigureAwait(false) is { } why)
                    {
                        reasons.TryAdd(person.Name, why);
                    }
                }
            }

            foreach (var step in steps.Where(s => s.Open))
            {
                foreach (var owner in step.Owners.Concat(step.CopiesTo).DistinctBy(o => o.Id))
                {
                    var card = step.TaskCard(new StepView(view, step, owner));
                    var summary = $"{reference} · {step.Title}";
                    if (sent.FirstOrDefault(c => c.Step == step.Key && c.Person == owner.Id.Value && !c.Done) is { } copy)
                    {
                        // Kept current: a copy still open is redrawn when what it says has changed (e.g. another
                        // partner's discrepancy, the corrected details, the days left).
                        if (copy.Drawn != Drawn(card) && await UpdateAsync(copy, card, summary, cancellationToken).ConfigureAwait(false))
                        {
                            await ledger.KeepAsync(board, reference, copy with { Drawn = Drawn(card) }, cancellationToken).ConfigureAwait(false);
                        }

                        continue;
                    }

                    if (await SendAsync(board, reference, step.Key, owner, card, summary, cancellationToken).ConfigureAwait(false) is { } why)
                    {
                        reasons.TryAdd(owner.Name, why);
                    }
                }
            }

            foreach (var manager in view.WithRole(Role.BoardManager))
            {
                var hub = HubCard.Build(view, steps, [.. reasons.Select(r => $"{r.Key} ({r.Value})")], _hubParts);
                var copy = sent.FirstOrDefault(c => c.Step == HubStep && c.Person == manager.Id.Value);
                if (copy is null)
                {
                    await SendAsync(board, reference, HubStep, manager, hub, $"{reference} · Case card", cancellationToken).ConfigureAwait(false);
                }
                else if (copy.Drawn != Drawn(hub) && await UpdateAsync(copy, hub, $"{reference} · Case card", cancellationToken).ConfigureAwait(false))
                {
                    await ledger.KeepAsync(board, reference, copy with { Drawn = Drawn(hub) }, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Sends a card to a person's chat with ScrBot through the one way cards reach people (<see cref="PersonDelivery"/>),
    /// and keeps where it went. Null when sent; otherwise why they could not be reached: the card is then held and the
    /// case brought up to date again the moment they install or open ScrBot (<see cref="CaseStepHeldCards"/>). Only the
    /// instance that claims the card's row sends it (<see cref="TaskLedger.ClaimAsync"/>).
    /// </summary>
    private async Task<string?> SendAsync(BoardId board, CaseReference reference, string step, Actor person, JsonObject card, string summary, CancellationToken cancellationToken, bool done = false)
    {
        if (!await ledger.ClaimAsync(board, reference, step, person.Id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            // Sent already, or being sent by another instance of ScrBot bringing the same case up to date.
            return null;
        }

        var result = await delivery.DeliverAsync(
            new CardForPerson(person.Id, person.Name, board, reference, CaseStepHeldCards.Purpose, $"step:{reference}:{step}", summary, card, summary),
            cancellationToken).ConfigureAwait(false);
        if (!result.Delivered || result.Chat is not { } chat || result.ActivityId is null)
        {
            logger.LogWarning("Case {Reference}: a card for step {Step} is held: {Outcome}", reference.Value, step, result.Outcome);
            await ledger.ReleaseAsync(board, reference, step, person.Id, cancellationToken).ConfigureAwait(false);
            return result.Reason ?? "the message was not delivered";
        }

        await ledger.KeepAsync(board, reference, new SentCard(step, person.Id.Value, chat.ServiceUrl, chat.ConversationId, chat.TenantId, result.ActivityId, done, Drawn(card)), cancellationToken)
            .ConfigureAwait(false);
        return null;
    }

    /// <summary>What a card says, as a short hash.</summary>
    private static string Drawn(JsonObject card) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(card.ToJsonString()))).AsSpan(0, 32).ToString();

    private async Task<bool> UpdateAsync(SentCard copy, JsonObject card, string summary, CancellationToken cancellationToken)
    {
        var chat = new ConversationReference(copy.ServiceUrl, copy.ConversationId, copy.TenantId, ConversationTypes.Personal, UserAadObjectId: copy.Person);
        var result = await sender.UpdateAsync(chat, copy.ActivityId, Activity.Card(card, summary), cancellationToken: cancellationToken).ConfigureAwait(false);
        return result.Delivered;
    }
}
