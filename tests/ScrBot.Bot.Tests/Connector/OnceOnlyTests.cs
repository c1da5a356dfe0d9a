using System.Text.Json.Nodes;
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
    public async Task ACardButtonPressDeliveredTwiceActsOnce()
    {
        await using var bot = await LocalBot.StartAsync(azurite);
        var press = Activities.CardAction(bot.ServiceUrl, "test.message");

        var first = await bot.PostForJsonAsync(press);
        var second = await bot.PostForJsonAsync(press);

        Assert.Equal("Saved.", first["value"]!.GetValue<string>());
        Assert.Equal(Replies.AlreadyReceived, second["value"]!.GetValue<string>());
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
}
