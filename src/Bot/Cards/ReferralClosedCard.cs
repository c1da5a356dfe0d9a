using System.Text.Json.Nodes;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Cards;

/// <summary>
/// What a form card becomes when it can no longer be used: the draft was discarded, or the form was already sent or
/// discarded elsewhere (so that nobody presses a stale button).
/// </summary>
public static class ReferralClosedCard
{
    public static JsonObject Discarded(DateTimeOffset at) => Card(
    [
        Heading("New referral · Draft discarded"),
        Text($"Your draft was discarded on {Words.DateAndTime(at)}. Nothing was sent to the board."),
        Text("Type **refer** to start a new referral.", subtle: true),
    ]);

    public static JsonObject BeingSent() => Card(
    [
        Heading("New referral · Being sent"),
        Text("This referral is being sent to the board now. Type **refer** in a minute to check, or wait for its acknowledgement here."),
    ]);

    public static JsonObject NoLongerOpen() => Card(
    [
        Heading("New referral · This form is closed"),
        Text("This form was already sent or discarded, so nothing was changed. Type **refer** to start a new referral, or **case** and a reference to see a case you are part of."),
    ]);
}
