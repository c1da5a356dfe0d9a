using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ScrBot.Bot.Conversations;
using ScrBot.Bot.Stages.Panel;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Connector;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Bot.Tests.Referral;
using ScrBot.Bot.Tests.Stages;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.GraphStandIn;

namespace ScrBot.Bot.Tests.Graph;

/// <summary>
/// The invitees' Outlook answers read back from Graph on the bot's own clock: the real bot host with a
/// <see cref="FakeTimeProvider"/>, the Graph stand-in and the Bot Connector stand-in. Nothing is read until the clock
/// passes the polling interval; then the Board Manager's hub card, updated in place, shows the answer set in Outlook.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PanelAnswersWorkerTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Organiser = "scr-panels@board.example";
    private StageHost _host = null!;
    private GraphStandInServer _standIn = null!;

    public async Task InitializeAsync()
    {
        _host = await StageHost.StartAsync(azurite, agencies: 0);
        _standIn = await BotFactory.BuildAlone(() => GraphStandInServer.StartAsync());
        var seed = System.Text.Json.JsonSerializer.Deserialize<StandInSeed>(
            await File.ReadAllTextAsync(Path.Combine(AzuriteFixture.RepositoryRoot(), "config", "graph-standin.local.json")),
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        seed.ApplyTo(_standIn.State);
    }

    public async Task DisposeAsync()
    {
        await _standIn.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task AnOutlookAnswerReachesTheHubCardOnceTheClockPassesThePollingInterval()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var bot = _host.StartBot(
            new Dictionary<string, string?> { ["Graph__BaseUrl"] = _standIn.BaseUrl.ToString(), ["Graph__OrganiserMailbox"] = Organiser },
            services => services.AddSingleton<TimeProvider>(clock));
        var cases = bot.Services.GetRequiredService<CaseStore>();
        var reference = await ScopingPanelSetup.ReadyToScheduleAsync(_host, cases);
        bot.Services.GetRequiredService<CaseSyncQueue>().Enqueue(ReferralSamples.Staffordshire, reference);

        // Megan finds a time and books the first slot, pressing the buttons of the card she was sent.
        var megan = _host.Who(Role.BoardManager);
        var find = await _host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == StageHost.Chat(megan.Id.Value)
            && r.Card is { } card && StageHost.Text(card).Contains($"{reference} · Find a time and book the Scoping Panel", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var slots = (JsonObject)(await ScopingPanelSetup.PressAsync(_host, bot, megan, find.Card!, "Find a time", new JsonObject { ["workingDays"] = "10" }))["value"]!;
        var booked = await ScopingPanelSetup.PressAsync(_host, bot, megan, slots, "Book this slot");
        Assert.Contains("Find a time and book the Scoping Panel: done by Megan Bowen", StageHost.Text((JsonObject)booked["value"]!), StringComparison.Ordinal);
        var meetingId = (await cases.LoadAsync(ReferralSamples.Staffordshire, reference))!.State.ScheduledPanel!.MeetingId!;
        await HubAsync(megan, "Patti Fernandez: not yet answered · not signed");

        // Patti accepts in Outlook. Short of the polling interval, nothing is read.
        lock (_standIn.State.Gate)
        {
            _standIn.State.Events[meetingId].Responses["pattif@board.example"] = ("accepted", DateTimeOffset.UtcNow);
        }

        var every = bot.Services.GetRequiredService<PanelAnswersWorker>().Every;
        Assert.Equal(TimeSpan.FromMinutes(15), every);
        clock.Advance(every - TimeSpan.FromMinutes(1));
        Assert.DoesNotContain(_standIn.State.Requests, r => r.Method == "GET" && r.Path.EndsWith("/events/" + meetingId, StringComparison.Ordinal));
        Assert.Empty((await cases.LoadAsync(ReferralSamples.Staffordshire, reference))!.State.OutlookAnswers);

        // Past it, the worker reads the meeting back and the hub card shows her Outlook answer.
        clock.Advance(TimeSpan.FromMinutes(1));
        var hub = await HubAsync(megan, "Patti Fernandez: not yet answered · Outlook: accepted · not signed");
        Assert.Contains("DI Sam Vimes: not yet answered · Outlook: not yet answered · not signed", StageHost.Text(hub), StringComparison.Ordinal);
        Assert.Contains(_standIn.State.Requests, r => r.Method == "GET" && r.Path.EndsWith("/events/" + meetingId, StringComparison.Ordinal));
        Assert.All(_standIn.State.Requests, r => Assert.Empty(r.Problems));
        var read = (await cases.LoadAsync(ReferralSamples.Staffordshire, reference))!;
        Assert.Equal(PanelAnswersWorker.FromOutlook, read.Facts.OfType<InvitationAnswersRead>().Single().By);
        Assert.Contains(new OutlookAnswer("pattif@board.example", "Patti Fernandez", "accepted"), read.State.OutlookAnswers);
    }

    private async Task<JsonObject> HubAsync(Actor manager, string text)
    {
        var found = await _host.Connector.WaitForAsync(r => r.ConversationId == StageHost.Chat(manager.Id.Value) && r.Card is { } card
            && StageHost.Text(card).Contains(" · Case card", StringComparison.Ordinal) && StageHost.Text(card).Contains(text, StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        return found.Card!;
    }
}
