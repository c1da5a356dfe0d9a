using System.Text.Json.Nodes;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Criteria;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Cards;

/// <summary>
/// The board's notice channel hears of a new referral: the reference, the date and the criteria verdict only. Never
/// a name, a date of birth, an address or a description: everyone in the channel sees it.
/// </summary>
public static class ChannelNoticeCard
{
    public static JsonObject Build(CaseReference reference, DateTimeOffset receivedAt, CriteriaVerdict verdict) => Card(
    [
        Heading($"{reference} · New referral received"),
        Facts(
        [
            ("Received", Words.Date(receivedAt)),
            ("Criteria", Words.Of(verdict)),
        ]),
        Text(Words.AdviceOnly + " The referral goes to the Board Manager for triage.", subtle: true),
    ]);
}
