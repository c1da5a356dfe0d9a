using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Conversations;

/// <summary>
/// Cases whose cards must catch up with their facts, so that a button is answered at once and the sends and updates
/// in place happen in the background. A case already waiting is not queued twice: many answers at once (twenty
/// agencies returning their checks) bring its cards up to date in one or two passes, each reading the latest facts.
/// </summary>
public sealed class CaseSyncQueue
{
    private readonly Channel<(BoardId Board, CaseReference Reference)> _queue = Channel.CreateUnbounded<(BoardId, CaseReference)>();
    private readonly ConcurrentDictionary<string, byte> _waiting = new(StringComparer.Ordinal);

    public void Enqueue(BoardId board, CaseReference reference)
    {
        if (_waiting.TryAdd(Key(board, reference), 0))
        {
            _queue.Writer.TryWrite((board, reference));
        }
    }

    internal async IAsyncEnumerable<(BoardId Board, CaseReference Reference)> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            // Taken off the waiting list before the pass reads the case: a fact recorded during the pass queues it again.
            _waiting.TryRemove(Key(item.Board, item.Reference), out _);
            yield return item;
        }
    }

    private static string Key(BoardId board, CaseReference reference) => $"{board.Value}|{reference.Value}";
}

/// <summary>
/// Brings each queued case's cards up to date (<see cref="CaseConversations.SyncAsync"/>), one case at a time. When the
/// bot starts, every case at a stage with task cards is queued once, so that what a restart interrupted is finished.
/// </summary>
public sealed class CaseSyncWorker(CaseSyncQueue queue, IServiceProvider services, ILogger<CaseSyncWorker> logger) : BackgroundService
{
    /// <summary>The stages whose steps reach people as task cards: every stage from triage until the case is closed.</summary>
    public static readonly IReadOnlyList<Stage> StagesWithTaskCards =
        [Stage.Triage, Stage.SubgroupDecision, Stage.PreparingScopingPanel, Stage.ScopingPanel, Stage.IndependentChairDecision,
            Stage.AfterDecision, Stage.Review, Stage.ReportAndPublication, Stage.ActionPlan];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await CatchUpAsync(stoppingToken).ConfigureAwait(false);
        CaseConversations? conversations = null;
        await foreach (var (board, reference) in queue.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                conversations ??= services.GetRequiredService<CaseConversations>();
                await conversations.SyncAsync(board, reference, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "The cards of case {Reference} on board {Board} could not be brought up to date", reference.Value, board.Value);
            }
        }
    }

    private async Task CatchUpAsync(CancellationToken stoppingToken)
    {
        try
        {
            var directory = services.GetRequiredService<BoardDirectory>();
            var cases = services.GetRequiredService<Storage.CaseStore>();
            var queued = 0;
            foreach (var board in directory.Boards)
            {
                foreach (var entry in await cases.CasesOnBoardAsync(board.Id, stoppingToken).ConfigureAwait(false))
                {
                    if (StagesWithTaskCards.Contains(entry.Stage))
                    {
                        queue.Enqueue(entry.KeptOn, entry.Reference);
                        queued++;
                    }
                }
            }

            logger.LogInformation("Case cards catch-up: {Count} cases queued", queued);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            logger.LogError(e, "The cases whose cards may need catching up could not be listed");
        }
    }
}
