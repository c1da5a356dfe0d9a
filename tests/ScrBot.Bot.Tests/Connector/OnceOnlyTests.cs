using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Routing;
using ScrBot.Bot.Tests.Infrastructure;

namespace ScrBot.Bot.Tests.Connector;

/// <summary>Teams can deliver an activity more than once: each activity id is handled once, also across a restart.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class OnceOnlyTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TheSameActivityPostedTwiceProducesOneReply()
    {
        await using var bot = await LocalBot.StartAsync(azurite);
        var help = Activities.Message(bot.ServiceUrl, "help");

        await bot.PostAsync(help);
        var second = await bot.PostForJsonAsync(help);

        Assert.Equal(Replies.AlreadyReceived, second["message"]!.GetValue<string>());
        Assert.Single(bot.Connector.Requests);
    }

    [Fact]
    public async Task AnActivityDeliveredAgainAfterARestartIsStillHandledOnce()
    {
        await using var connector = await FakeBotConnector.StartAsync();
        JsonObject help;
        await using (var before = await LocalBot.StartAsync(azurite, connector: connector))
        {
            help = Activities.Message(before.ServiceUrl, "help");
            await before.PostAsync(help);
        }

        await using var after = await LocalBot.StartAsync(azurite, connector: await FakeBotConnector.StartAsync());
        help["serviceUrl"] = after.ServiceUrl;
        await after.PostAsync(help);

        Assert.Single(connector.Requests);
        Assert.Empty(after.Connector.Requests);
    }

    [Fact]
    public async Task ACardButtonPressDeliveredTwiceActsOnceAndIsAnsweredTheSameBothTimes()
    {
        await using var bot = await LocalBot.StartAsync(azurite);
        var press = Activities.CardAction(bot.ServiceUrl, "test.message");

        var first = await bot.PostForJsonAsync(press);
        var second = await bot.PostForJsonAsync(press);

        Assert.Equal("Saved.", first["value"]!.GetValue<string>());
        Assert.Equal("Saved.", second["value"]!.GetValue<string>());
        Assert.Equal(1, bot.Calls.Count);
    }

    [Fact]
    public async Task DifferentActivitiesInOneConversationAreEachHandled()
    {
        await using var bot = await LocalBot.StartAsync(azurite);
        var conversation = "a:1" + Activities.NewId();

        await bot.PostAsync(Activities.Message(bot.ServiceUrl, "help", conversation));
        await bot.PostAsync(Activities.Message(bot.ServiceUrl, "help", conversation));

        Assert.Equal(2, bot.Connector.Requests.Count);
    }

    [Fact]
    public async Task HandledActivityIdsAreForgottenAfterAWeekByTheDailyCleanUp()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2020, 1, 6, 9, 0, 0, TimeSpan.Zero));
        await using var bot = await LocalBot.StartAsync(azurite, s => s.AddSingleton<TimeProvider>(time));
        var weekOld = Activities.Message(bot.ServiceUrl, "help");
        await bot.PostAsync(weekOld);
        time.Advance(TimeSpan.FromDays(6));
        var dayOld = Activities.Message(bot.ServiceUrl, "help");
        await bot.PostAsync(dayOld);

        time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await WaitUntilForgottenAsync(weekOld);

        Assert.True(await IsKeptAsync(dayOld), "A claim younger than a week is kept");
        var again = await bot.PostForJsonAsync(dayOld);
        Assert.Equal(Replies.AlreadyReceived, again["message"]!.GetValue<string>());
        Assert.Equal(2, bot.Connector.Requests.Count);
    }

    private async Task<bool> IsKeptAsync(JsonObject activity)
    {
        var table = azurite.ServiceClient().GetTableClient(BotTables.HandledActivities);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(
            TableKeys.Encode(activity["conversation"]!["id"]!.GetValue<string>()), TableKeys.Encode(activity["id"]!.GetValue<string>()));
        return row.HasValue;
    }

    /// <summary>Awaits the background clean-up (it runs on the host's timer) deleting the claim.</summary>
    private async Task WaitUntilForgottenAsync(JsonObject activity)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await IsKeptAsync(activity))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }
}
