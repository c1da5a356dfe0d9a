using System.Text.Json.Nodes;
using ScrBot.Bot.Referral;
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

    /// <summary>
    /// Send was pressed and the case is being made. Its acknowledgement replaces the card Send was pressed on; this
    /// card's button shows it here too once the case exists (any button of a sent form shows its acknowledgement).
    /// </summary>
    public static JsonObject BeingSent(string draftId) => Card(
    [
        Heading("New referral · Being sent"),
        Text("This referral is being sent to the board now, so its answers can no longer be changed. Its acknowledgement, with the case reference, replaces the card where you pressed Send. Press **Check again** in a minute to see it here."),
    ],
    [
        Execute("Check again", FormSectionFrame.VerbCheck, new JsonObject { ["draftId"] = draftId }),
    ]);

    public static JsonObject NoLongerOpen() => Card(
    [
        Heading("New referral · This form is closed"),
        Text("This form was already sent or discarded, so nothing was changed. Type **refer** to start a new referral, or **case** and a reference to see a case you are part of."),
    ]);
}
