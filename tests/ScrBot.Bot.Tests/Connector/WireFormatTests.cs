using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Tests.Infrastructure;

namespace ScrBot.Bot.Tests.Connector;

/// <summary>
/// What the bot writes and reads holds to the Bot Connector swagger
/// (specs/bot-connector-api.swagger.json in this repository): every property it serialises exists in the definition
/// with a compatible JSON type, and the routes it calls exist.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WireFormatTests(AzuriteFixture azurite)
{
    private static readonly SwaggerSchema Swagger = SwaggerSchema.Load();

    [Fact]
    public async Task EverythingTheBotSendsFitsTheSwaggersDefinitions()
    {
        await using var bot = await LocalBot.StartAsync(azurite);
        var chat = "a:1" + Activities.NewId();
        await bot.PostAsync(Activities.Message(bot.ServiceUrl, "help", chat));
        var picture = Activities.Message(bot.ServiceUrl, "", chat);
        picture.Remove("text");
        await bot.PostAsync(picture);
        var submit = Activities.Message(bot.ServiceUrl, "", chat);
        submit["replyToId"] = "card-1";
        submit["value"] = new JsonObject { ["verb"] = "test.replace" };
        await bot.PostAsync(submit);
        var install = Activities.Message(bot.ServiceUrl, "", "a:1" + Activities.NewId());
        install["type"] = "installationUpdate";
        install["action"] = "add";
        await bot.PostAsync(install);
        var sender = bot.Bot.Services.GetRequiredService<BotSender>();
        var reference = new ConversationReference(bot.Connector.ServiceUrl, chat, Activities.TenantId, ConversationTypes.Personal);
        var botAccount = new ChannelAccount { Id = Activities.BotId, Name = "ScrBot" };
        await sender.ReplyAsync(reference, "1700000000000", Activity.Message("A reply"));
        await sender.CreatePersonalConversationAsync(bot.Connector.ServiceUrl, Activities.TenantId, botAccount, Activities.UserId, Activity.Message("Hello"));
        await sender.CreateChannelThreadAsync(
            new ConversationReference(bot.Connector.ServiceUrl, "19:board@thread.tacv2", Activities.TenantId, ConversationTypes.Channel, ChannelId: "19:board@thread.tacv2"),
            botAccount, Activity.Card(SenderHarness.SmallCard("SCR-2027-0003 · Scoping Panel on Monday 5 April 2027")));

        var sent = bot.Connector.Requests;
        Assert.Equal(["send", "send", "update", "send", "reply", "create", "create"], sent.Select(r => r.Operation));
        foreach (var request in sent)
        {
            var definition = request.Operation == "create" ? "ConversationParameters" : "Activity";
            Assert.Empty(Swagger.Problems(request.Body, definition));
        }
    }

    [Fact]
    public void EveryWireTypeTheBotWritesHasOnlySwaggerProperties()
    {
        var activity = new Activity
        {
            Type = "message",
            Id = "1",
            Timestamp = new DateTimeOffset(2027, 3, 12, 10, 0, 0, TimeSpan.Zero),
            ServiceUrl = "https://smba.trafficmanager.net/emea/",
            ChannelId = "msteams",
            From = new ChannelAccount { Id = Activities.BotId, Name = "ScrBot", AadObjectId = Guid.NewGuid().ToString(), Role = "bot" },
            Conversation = new ConversationAccount { Id = "a:1", Name = "chat", ConversationType = "personal", TenantId = Activities.TenantId, IsGroup = false },
            Recipient = new ChannelAccount { Id = Activities.UserId },
            TextFormat = "plain",
            AttachmentLayout = "list",
            MembersAdded = [new ChannelAccount { Id = Activities.UserId }],
            MembersRemoved = [new ChannelAccount { Id = Activities.BotId }],
            Locale = "en-GB",
            Text = "text",
            Summary = "summary",
            Attachments = [new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = SenderHarness.SmallCard("x"), Name = "card", ContentUrl = "https://example.org/card" }],
            ChannelData = new TeamsChannelData { Tenant = new TeamsIdentity { Id = Activities.TenantId }, Team = new TeamsIdentity { Id = "19:t", Name = "Board", AadGroupId = Guid.NewGuid().ToString() }, Channel = new TeamsIdentity { Id = "19:c" }, EventType = "channelCreated" },
            Action = "add",
            ReplyToId = "0",
            Value = new JsonObject { ["verb"] = "x" },
            Name = "adaptiveCard/action",
        };
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount { Id = Activities.BotId },
            Members = [new ChannelAccount { Id = Activities.UserId }],
            TenantId = Activities.TenantId,
            Activity = Activity.Message("hello"),
            ChannelData = new TeamsChannelData { Tenant = new TeamsIdentity { Id = Activities.TenantId } },
        };

        Assert.Empty(Swagger.Problems(JsonSerializer.SerializeToNode(activity, BotJson.Options), "Activity"));
        Assert.Empty(Swagger.Problems(JsonSerializer.SerializeToNode(parameters, BotJson.Options), "ConversationParameters"));
        Assert.Empty(Swagger.Problems(JsonSerializer.SerializeToNode(new ConversationResourceResponse { Id = "a", ActivityId = "b", ServiceUrl = "https://x/" }, BotJson.Options), "ConversationResourceResponse"));
        Assert.Empty(Swagger.Problems(JsonSerializer.SerializeToNode(new ResourceResponse { Id = "a" }, BotJson.Options), "ResourceResponse"));
    }

    [Fact]
    public void TheCheckFindsPropertiesAndTypesTheSwaggerDoesNotHave()
    {
        Assert.Contains("Activity.bogus is not a property of the swagger's definition", Swagger.Problems(JsonNode.Parse("""{"type":"message","bogus":1}"""), "Activity"));
        Assert.NotEmpty(Swagger.Problems(JsonNode.Parse("""{"type":"shout"}"""), "Activity"));
        Assert.NotEmpty(Swagger.Problems(JsonNode.Parse("""{"type":"message","text":5}"""), "Activity"));
        Assert.NotEmpty(Swagger.Problems(JsonNode.Parse("""{"type":"message","from":{"id":"29:a","nickname":"A"}}"""), "Activity"));
    }

    public static TheoryData<string> InboundShapes => new()
    {
        "message",
        "invoke",
        "installationUpdate",
        "conversationUpdate",
    };

    [Theory]
    [MemberData(nameof(InboundShapes))]
    public void WhatTheBotReadsSurvivesTheRoundTripAndFitsTheSwagger(string type)
    {
        var inbound = type == "invoke" ? Activities.CardAction("https://smba.trafficmanager.net/emea/", "referral.start", new JsonObject { ["case"] = "SCR-2027-0003" }) : Activities.Message("https://smba.trafficmanager.net/emea/", "help");
        inbound["type"] = type;
        if (type == "conversationUpdate")
        {
            inbound["membersAdded"] = new JsonArray(new JsonObject { ["id"] = Activities.BotId });
        }

        if (type == "installationUpdate")
        {
            inbound["action"] = "add";
        }

        var read = JsonSerializer.Deserialize<Activity>(inbound.ToJsonString(), BotJson.Options)!;
        var written = JsonSerializer.SerializeToNode(read, BotJson.Options)!.AsObject();

        Assert.Empty(Swagger.Problems(written, "Activity"));
        Assert.Equal(Activities.UserAadObjectId, read.From!.AadObjectId);
        Assert.Equal(Activities.TenantId, read.Conversation!.TenantId);
        Assert.Equal("personal", read.Conversation.ConversationType);
        Assert.Equal(Activities.TenantId, read.ChannelData!.Tenant!.Id);
        foreach (var (name, _) in written)
        {
            Assert.True(inbound.ContainsKey(name), $"{name} was read from the inbound activity");
        }
    }

    [Theory]
    [InlineData("/v3/conversations/{conversationId}/activities", "POST")]
    [InlineData("/v3/conversations/{conversationId}/activities/{activityId}", "POST")]
    [InlineData("/v3/conversations/{conversationId}/activities/{activityId}", "PUT")]
    [InlineData("/v3/conversations", "POST")]
    [InlineData("/v3/conversations/{conversationId}/pagedmembers", "GET")]
    public void TheRoutesTheBotCallsAreTheSwaggers(string path, string method) =>
        Assert.True(Swagger.HasPath(path, method), $"{method} {path} is in the swagger");
}
