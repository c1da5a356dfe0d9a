using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScrBot.Bot.Conversations;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Bot.Tests.Referral;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Tests.Stages;

/// <summary>
/// The action plan's escalation to the Executive Group through the real bot host on Azurite with the Bot Connector
/// stand-in: the owner agency's SCR lead and its lead board member, as the board's directory names them, each get the
/// message asking for timescales in their chat with ScrBot; one gives them from the card, the other's press is
/// answered as already recorded, someone else's is refused; the Board Manager's hub shows the timescales, and who could
/// not be asked where the directory names nobody for the agency.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class EscalationLeadsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly AgencyId Police = new("staffs-police");
    private StageHost _host = null!;

    public async Task InitializeAsync() => _host = await StageHost.StartAsync(azurite, agencies: 1);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TheAgencysScrLeadAndLeadBoardMemberAreAskedForTimescalesAndTheBoardManagerIsToldWhoCouldNotBeAsked()
    {
        await using var bot = _host.StartBot();
        var cases = bot.Services.GetRequiredService<CaseStore>();
        var today = LondonTime.Today(_host.Time);
        var reference = await ReviewCaseStory.DecidedWithReviewerAsync(cases, today, directory: _host.Directory, @as: _host.Local);
        var megan = _host.Local(ReviewCaseStory.Megan);
        var reviewer = _host.Local(ReviewCaseStory.Reviewer);
        var isaiah = _host.Local(ReviewCaseStory.Isaiah);
        var patti = _host.Local(ReviewCaseStory.Patti);
        var lee = _host.Local(new Actor(new PersonId("5c0b5a7e-0000-4000-8000-000000000042"), "Lee Gu"));
        var pradeep = _host.Local(new Actor(new PersonId("5c0b5a7e-0000-4000-8000-000000000043"), "Pradeep Gupta"));
        var partner = new AgencyId(StageHost.Agency(1));

        async Task Do(Actor actor, Func<CaseState, CommandContext, Outcome> command)
        {
            var result = await cases.ExecuteAsync(ReferralSamples.Staffordshire, reference, "bring the case to its action plan", actor,
                (state, _) => command(state, new CommandContext(actor, _host.Time.GetUtcNow(), _host.Directory)));
            Assert.False(result.IsRefused, result.Outcome.Explanation);
        }

        await Do(megan, (s, c) => CaseCommands.InitiateReview(s, c, today));
        await Do(reviewer, (s, c) => CaseCommands.AgreeTermsOfReference(s, c, today, true, ["Isaiah Langer, sub-group"]));
        await Do(reviewer, (s, c) => CaseCommands.CompleteReview(s, c, today, true));
        await Do(megan, (s, c) => CaseCommands.EndorseReport(s, c, today));
        await Do(isaiah, (s, c) => CaseCommands.AddActionPlanRecommendation(s, c, "Train officers on the referral pathway.", Police, today.AddMonths(3), "Every officer trained.", "Attendance lists."));
        await Do(isaiah, (s, c) => CaseCommands.AddActionPlanRecommendation(s, c, "Review the partner's referral form.", partner, today.AddMonths(3), "A clearer form.", "The new form."));
        foreach (var daysAgo in new[] { 14, 7, 0 })
        {
            await Do(megan, (s, c) => CaseCommands.RecordActionPlanMeeting(s, c, today.AddDays(-daysAgo), daysAgo == 0 ? null : today.AddDays(-daysAgo + 7)));
        }

        await bot.Services.GetRequiredService<CaseConversations>().SyncAsync(ReferralSamples.Staffordshire, reference, default);

        // The police's SCR lead and lead board member each get the message asking for timescales, with its button.
        var toLee = await DeliveredAsync(lee, reference, "Give timescales for A1");
        await DeliveredAsync(pradeep, reference, "Give timescales for A1");
        Assert.Contains("No update on this action was given at two consecutive SCR Sub-group meetings", StageHost.Text(toLee), StringComparison.Ordinal);
        Assert.Contains("Train officers on the referral pathway.", StageHost.Text(toLee), StringComparison.Ordinal);
        Assert.DoesNotContain("Jamie", toLee.ToJsonString(), StringComparison.Ordinal);

        // The partner agency names nobody: the Board Manager is told who could not be asked.
        await _host.Connector.WaitForAsync(r => r.ConversationId == StageHost.Chat(megan.Id.Value) && r.Card is { } hub
            && StageHost.Text(hub).Contains("Could not be asked for timescales", StringComparison.Ordinal)
            && StageHost.Text(hub).Contains("A2 · Partner agency 1: the board's directory names no agency SCR lead and no agency lead board member", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60));

        // Someone else cannot answer for the lead; the refusal is kept in the case's audit trail.
        var data = new JsonObject { [TaskCard.CaseKey] = reference.Value, [TaskCard.StepKey] = "plan/timescales/A1/1", ["actionId"] = "A1", ["completeBy"] = Iso(today.AddMonths(2)), ["timescales"] = "Training booked for all response officers." };
        var refused = await _host.PressAsync(bot, patti, "plan.timescales", (JsonObject)data.DeepClone());
        Assert.Equal("Only the agency's SCR lead or its lead board member, asked for timescales can give timescales for this action.", refused["value"]!.GetValue<string>());

        // The SCR lead gives them from the card; the lead board member's press afterwards changes nothing.
        var given = await _host.PressAsync(bot, lee, "plan.timescales", (JsonObject)data.DeepClone());
        Assert.Contains("Give timescales for A1: done by Lee Gu on", StageHost.Text((JsonObject)given["value"]!), StringComparison.Ordinal);
        var again = await _host.PressAsync(bot, pradeep, "plan.timescales", (JsonObject)data.DeepClone());
        Assert.StartsWith("Already recorded by Lee Gu on ", again["value"]!.GetValue<string>(), StringComparison.Ordinal);

        var stored = (await cases.LoadAsync(ReferralSamples.Staffordshire, reference))!;
        var request = stored.State.TimescaleRequests.Single(r => r.ActionId == "A1");
        Assert.Equal(today.AddMonths(2), request.CompleteBy);
        Assert.Equal(lee.Id, request.GivenBy!.Id);
        Assert.Contains(stored.Facts.OfType<AttemptRefused>(), r => r.By.Id == patti.Id && r.Reason.StartsWith("Only the agency's SCR lead", StringComparison.Ordinal));
        Assert.Contains(stored.Facts.OfType<AttemptRefused>(), r => r.By.Id == pradeep.Id && r.Reason.StartsWith("Already recorded by Lee Gu", StringComparison.Ordinal));

        // The hub shows the timescales given; Pradeep's copy says who gave them.
        await _host.Connector.WaitForAsync(r => r.ConversationId == StageHost.Chat(megan.Id.Value) && r.Card is { } hub
            && StageHost.Text(hub).Contains($"A1 · Staffordshire Police: complete by {HumanDates.Format(today.AddMonths(2))}, given by Lee Gu: Training booked for all response officers.", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60));
        await _host.Connector.WaitForAsync(r => r.Operation == "update" && r.ConversationId == StageHost.Chat(pradeep.Id.Value) && r.Card is { } copy
            && StageHost.Text(copy).Contains("Give timescales for A1: done by Lee Gu on", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
    }

    private async Task<JsonObject> DeliveredAsync(Actor person, CaseReference reference, string step)
    {
        var delivered = await _host.Connector.WaitForAsync(
            r => r.Operation == "send" && r.ConversationId == StageHost.Chat(person.Id.Value) && r.Card is { } card
                 && StageHost.Text(card).StartsWith($"{reference} · {step}", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60));
        return delivered.Card!;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
