using System.Text.Json.Nodes;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Cards;

/// <summary>The referrer is told who has their referral, once it is in the Board Manager's chat (reference only).</summary>
public static class ReferralReachedCard
{
    public static JsonObject Build(CaseReference reference, IReadOnlyList<string> managers, string boardName)
    {
        ArgumentNullException.ThrowIfNull(managers);
        var who = managers.Count == 0 ? "The Board Manager" : string.Join(" and ", managers) + (managers.Count == 1 ? ", the Board Manager," : ", the Board Managers,");
        return Card(
        [
            Heading($"{reference} · The Board Manager has your referral"),
            Text($"{who} of {boardName} now {(managers.Count > 1 ? "have" : "has")} your referral {reference}."),
            Text($"Type **case {reference}** to see where it stands.", subtle: true),
        ]);
    }
}
