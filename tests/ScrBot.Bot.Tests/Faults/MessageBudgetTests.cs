using System.Net;
using System.Text.Json.Nodes;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Tests.Connector;
using ScrBot.Bot.Tests.Infrastructure;

namespace ScrBot.Bot.Tests.Faults;

/// <summary>
/// Every answer fits Teams: a card returned as an invoke's answer and a card sent after an Action.Submit are both held
/// to the card budget (80 KB as UTF-16, within Teams' 100 KB), their long texts shortened as the triage card's are.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class MessageBudgetTests(AzuriteFixture azurite)
{
    private static int Utf16Bytes(JsonNode node) => node.ToJsonString(BotJson.Options).Length * 2;

    [Fact]
    public async Task AnOversizeReplacementCardReturnedToAnInvokeIsShortenedToFit()
    {
        await using var bot = await LocalBot.StartAsync(azurite);

        var answer = await bot.PostForJsonAsync(Activities.CardAction(bot.ServiceUrl, "test.huge"));

        Assert.Equal(AdaptiveCardInvokeResponse.CardType, answer["type"]!.GetValue<string>());
        Assert.InRange(Utf16Bytes(answer), 1, CardBudget.MaxPayloadBytes);
        Assert.StartsWith("Your answer: yyy", answer["value"]!["body"]![0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOversizeCardAfterAnActionSubmitIsShortenedAndDelivered()
    {
        await using var bot = await LocalBot.StartAsync(azurite);
        var submit = Activities.Message(bot.ServiceUrl, "");
        submit.Remove("text");
        submit["value"] = new JsonObject { ["verb"] = "test.huge" };
        submit["replyToId"] = "card-7";

        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(submit)).StatusCode);

        var update = await bot.Connector.WaitForAsync(r => r.Operation == "update");
        Assert.Equal(200, update.Status);
        Assert.InRange(Utf16Bytes(update.Body!), 1, CardBudget.MaxPayloadBytes);
        Assert.Empty(bot.Connector.Violations);
    }

    [Fact]
    public async Task AFormSectionWithTamperedOverLongAnswersIsAnsweredWithACardThatFits()
    {
        await using var bot = await LocalBot.StartAsync(azurite);
        var chat = "a:1" + Activities.NewId();
        var refer = Activities.Message(bot.ServiceUrl, "refer", chat);
        await bot.PostAsync(refer);
        var form = await bot.Connector.WaitForAsync(r => r.ConversationId == chat && r.Card is not null);
        var draftId = System.Text.RegularExpressions.Regex.Match(form.Card!.ToJsonString(), "\"draftId\":\"([0-9a-f]{32})\"").Groups[1].Value;
        var data = new JsonObject { ["draftId"] = draftId, ["section"] = "1" };
        foreach (var input in form.Card!.ToJsonString().Split("\"id\":\"").Skip(1).Select(p => p[..p.IndexOf('"', StringComparison.Ordinal)]))
        {
            data[input] = new string('z', 40_000);
        }

        var answer = await bot.PostForJsonAsync(Activities.CardAction(bot.ServiceUrl, "referral.next", data, chat));

        Assert.True(answer["statusCode"]!.GetValue<int>() < 500, answer.ToJsonString()[..Math.Min(300, answer.ToJsonString().Length)]);
        Assert.InRange(Utf16Bytes(answer), 1, CardBudget.MaxPayloadBytes);
    }
}
