using ScrBot.Bot.Delivery;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Conversations;

/// <summary>
/// Task cards and hub cards held for someone who could not be reached: when they install or open ScrBot, the case is
/// brought up to date again, which draws their cards afresh from the case's facts and sends them.
/// </summary>
public sealed class CaseStepHeldCards(CaseSyncQueue syncs) : IHeldCardSender
{
    public const string Purpose = "case-step";

    string IHeldCardSender.Purpose => Purpose;

    public Task SendAgainAsync(HeldCard held, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(held);
        if (CaseReference.TryParse(held.Reference, out var reference))
        {
            syncs.Enqueue(new BoardId(held.Board), reference.Value);
        }

        return Task.CompletedTask;
    }
}
