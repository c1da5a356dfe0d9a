using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Hosting;
using ScrBot.Bot.Routing;
using ScrBot.Bot.Tests.Connector;
using ScrBot.Bot.Tests.Infrastructure;

namespace ScrBot.Bot.Tests.Faults;

/// <summary>
/// Teams gives up on /api/messages after about 15 s and delivers the activity again. The running host answers within
/// Bot__AnswerWithin (5 s) however slow or failing the Bot Connector is; the reply is delivered later, once, in the
/// background; and an invoke delivered again gets the answer the first delivery produced, not "already received".
/// Time is the host's <see cref="FakeTimeProvider"/>, shared with the stand-in connector.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SlowConnectorTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2027, 3, 12, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Moves the host's clock on in small steps until <paramref name="done"/> or <paramref name="limit"/> of fake time.</summary>
    private static async Task<TimeSpan> AdvanceUntilAsync(FakeTimeProvider time, Func<bool> done, TimeSpan limit)
    {
        var from = time.GetUtcNow();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!done() && time.GetUtcNow() - from < limit)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), timeout.Token);
            time.Advance(TimeSpan.FromMilliseconds(250));
        }

        await Task.Delay(TimeSpan.FromMilliseconds(10), timeout.Token);
        return time.GetUtcNow() - from;
    }

    /// <summary>The host on <paramref name="time"/>, with a stand-in connector that answers 503 until <paramref name="failUntil"/>.</summary>
    private async Task<LocalBot> StartFailingUntilAsync(FakeTimeProvider time, DateTimeOffset failUntil)
    {
        var connector = await FakeBotConnector.StartAsync();
        connector.Clock = time;
        connector.Script = _ => time.GetUtcNow() < failUntil ? (503, null) : null;
        return await LocalBot.StartAsync(azurite, s => s.AddSingleton<TimeProvider>(time), connector);
    }

    [Fact]
    public async Task AConnectorFailingForThirtySecondsGetsTheAnswerWithinTheBoundAndTheReplyDeliveredLaterOnce()
    {
        var time = new FakeTimeProvider(Start);
        var failUntil = Start.AddSeconds(30);
        await using var bot = await StartFailingUntilAsync(time, failUntil);
        var help = Activities.Message(bot.ServiceUrl, "help");
        var chat = help["conversation"]!["id"]!.GetValue<string>();
        bool Delivered(FakeBotConnector.Received r) => r.ConversationId == chat && r.Status < 300;

        var posting = bot.PostAsync(help);
        var answeredAfter = await AdvanceUntilAsync(time, () => posting.IsCompleted, TimeSpan.FromSeconds(20));

        Assert.True(posting.IsCompleted, "no answer within 20 s of the host's time");
        Assert.Equal(HttpStatusCode.OK, (await posting).StatusCode);
        Assert.InRange(answeredAfter, TimeSpan.Zero, BotSettings.DefaultAnswerWithin + TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(bot.Connector.Requests, Delivered);

        // Teams, having had no reply in the chat yet, delivers the message again meanwhile.
        var again = bot.PostAsync(help);
        await AdvanceUntilAsync(time, () => again.IsCompleted, TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.OK, (await again).StatusCode);

        await AdvanceUntilAsync(time, () => bot.Connector.Requests.Any(Delivered), TimeSpan.FromMinutes(3));
        await AdvanceUntilAsync(time, () => false, TimeSpan.FromSeconds(70));

        var delivered = Assert.Single(bot.Connector.Requests, Delivered);
        Assert.True(delivered.At >= failUntil);
        Assert.Equal("1.5", delivered.Card!["version"]!.GetValue<string>());
        Assert.Contains(bot.Connector.Requests, r => r.ConversationId == chat && r.Status == 503);
        var undelivered = await bot.Bot.Services.GetRequiredService<IUndeliveredMessages>().ListAsync(Start, default);
        Assert.DoesNotContain(undelivered, u => u.ConversationId == chat);
    }

    [Fact]
    public async Task AnInvokeDeliveredAgainGetsTheAnswerTheFirstDeliveryProduced()
    {
        var time = new FakeTimeProvider(Start);
        await using var bot = await LocalBot.StartAsync(azurite, s => s.AddSingleton<TimeProvider>(time));
        var press = Activities.CardAction(bot.ServiceUrl, "test.slow");

        var first = bot.PostAsync(press);
        var answeredAfter = await AdvanceUntilAsync(time, () => first.IsCompleted, TimeSpan.FromSeconds(20));
        var firstAnswer = await ReadAsync(await first);
        bot.Calls.Gate.SetResult();
        var again = await ReadAsync(await bot.PostAsync(press));

        Assert.InRange(answeredAfter, TimeSpan.Zero, BotSettings.DefaultAnswerWithin + TimeSpan.FromSeconds(1));
        Assert.Equal(Replies.StillWorking, firstAnswer["value"]!.GetValue<string>());
        Assert.Equal(AdaptiveCardInvokeResponse.CardType, again["type"]!.GetValue<string>());
        Assert.Equal("Done at last by Alex Wilber", again["value"]!["body"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(1, bot.Calls.Count);
    }

    [Fact]
    public async Task AnInvokeAnsweredInTimeAndDeliveredAgainGetsTheSameCardNotAlreadyReceived()
    {
        await using var bot = await LocalBot.StartAsync(azurite);
        var press = Activities.CardAction(bot.ServiceUrl, "test.replace");

        var first = await bot.PostForJsonAsync(press);
        var again = await bot.PostForJsonAsync(press);

        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        Assert.Equal(AdaptiveCardInvokeResponse.CardType, again["type"]!.GetValue<string>());
        Assert.Equal(1, bot.Calls.Count);
    }

    [Fact]
    public async Task AFormButtonDeliveredAgainAfterARestartIsAnsweredWithTheFormAsItNowStandsNotAlreadyReceived()
    {
        var chat = "a:1" + Activities.NewId();
        var person = Guid.NewGuid().ToString();
        JsonObject press;
        JsonObject firstAnswer;
        await using (var before = await LocalBot.StartAsync(azurite))
        {
            var refer = Activities.Message(before.ServiceUrl, "refer", chat);
            refer["from"]!["aadObjectId"] = person;
            await before.PostAsync(refer);
            var form = await before.Connector.WaitForAsync(r => r.ConversationId == chat && r.Card is not null);
            var draftId = System.Text.RegularExpressions.Regex.Match(form.Card!.ToJsonString(), "\"draftId\":\"([0-9a-f]{32})\"").Groups[1].Value;
            var data = new JsonObject { ["draftId"] = draftId, ["section"] = "1" };
            foreach (var (id, value) in ScrBot.Bot.Tests.Referral.ReferralSamples.Answers()[ScrBot.Bot.Referral.FormSection.Referrer])
            {
                data[id] = value;
            }

            press = Activities.CardAction(before.ServiceUrl, "referral.next", data, chat);
            press["from"]!["aadObjectId"] = person;
            firstAnswer = await before.PostForJsonAsync(press);
        }

        await using var after = await LocalBot.StartAsync(azurite);
        press["serviceUrl"] = after.ServiceUrl;
        var again = await after.PostForJsonAsync(press);

        Assert.Equal(AdaptiveCardInvokeResponse.CardType, firstAnswer["type"]!.GetValue<string>());
        Assert.Equal(AdaptiveCardInvokeResponse.CardType, again["type"]!.GetValue<string>());
        Assert.Equal(firstAnswer["value"]!.ToJsonString(), again["value"]!.ToJsonString());
        Assert.DoesNotContain(Replies.AlreadyReceived, again.ToJsonString(), StringComparison.Ordinal);
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonSerializer.Deserialize<JsonObject>(await response.Content.ReadAsStringAsync())!;
    }
}
