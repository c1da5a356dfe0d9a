using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Tests.Infrastructure;

namespace ScrBot.Bot.Tests.Connector;

/// <summary>
/// Where to reach people, kept from Teams' install events (installationUpdate, conversationUpdate) in Azure Tables:
/// only the serviceUrl, tenant, conversation id and the user's aadObjectId or the channel id.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConversationReferenceTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private LocalBot _bot = null!;
    private IConversationReferences _references = null!;

    public async Task InitializeAsync()
    {
        _bot = await LocalBot.StartAsync(azurite);
        _references = _bot.Bot.Services.GetRequiredService<IConversationReferences>();
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private JsonObject Event(string type, string conversationId, string conversationType, string? aadObjectId = null, string? teamId = null)
    {
        var activity = Activities.Message(_bot.ServiceUrl, "", conversationId, conversationType: conversationType);
        activity.Remove("text");
        activity.Remove("textFormat");
        activity["type"] = type;
        if (aadObjectId is not null)
        {
            activity["from"]!["aadObjectId"] = aadObjectId;
        }

        if (teamId is not null)
        {
            activity["channelData"]!["team"] = new JsonObject { ["id"] = teamId, ["name"] = "Safeguarding Children Board" };
            activity["channelData"]!["channel"] = new JsonObject { ["id"] = conversationId.Split(';')[0] };
        }

        return activity;
    }

    private JsonObject Installation(string action, string conversationId, string conversationType, string? aadObjectId = null, string? teamId = null)
    {
        var activity = Event("installationUpdate", conversationId, conversationType, aadObjectId, teamId);
        activity["action"] = action;
        return activity;
    }

    private JsonObject Members(string change, string conversationId, string conversationType, string? teamId = null, string? eventType = null)
    {
        var activity = Event("conversationUpdate", conversationId, conversationType, teamId: teamId);
        activity[change] = new JsonArray(new JsonObject { ["id"] = Activities.BotId });
        if (eventType is not null)
        {
            activity["channelData"]!["eventType"] = eventType;
        }

        return activity;
    }

    [Fact]
    public async Task InstallingTheAppInAPersonalChatKeepsWhereToReachThatPersonAndWelcomesThem()
    {
        var user = Guid.NewGuid().ToString();
        var chat = "a:1" + Activities.NewId();

        await _bot.PostAsync(Installation("add", chat, ConversationTypes.Personal, user));

        var kept = await _references.FindPersonalAsync(user, default);
        Assert.NotNull(kept);
        Assert.Equal((_bot.Connector.ServiceUrl, chat, Activities.TenantId), (kept.ServiceUrl, kept.ConversationId, kept.TenantId));
        var welcome = await _bot.Connector.WaitForAsync(r => r.ConversationId == chat);
        Assert.StartsWith("Hello, I'm ScrBot", welcome.Card!["body"]![1]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UninstallingTheAppFromAPersonalChatForgetsIt()
    {
        var user = Guid.NewGuid().ToString();
        var chat = "a:1" + Activities.NewId();
        await _bot.PostAsync(Installation("add", chat, ConversationTypes.Personal, user));

        await _bot.PostAsync(Installation("remove", chat, ConversationTypes.Personal, user));

        Assert.Null(await _references.FindPersonalAsync(user, default));
    }

    [Fact]
    public async Task AddingTheBotToATeamKeepsTheTeamsGeneralChannelAndTheChannelItWasAddedIn()
    {
        var team = "19:team-" + Activities.NewId() + "@thread.tacv2";
        var channel = "19:channel-" + Activities.NewId() + "@thread.tacv2";

        await _bot.PostAsync(Members("membersAdded", channel, ConversationTypes.Channel, team));

        var general = await _references.FindChannelAsync(team, default);
        var added = await _references.FindChannelAsync(channel, default);
        Assert.Equal((team, team), (general!.ConversationId, general.TeamId));
        Assert.Equal((channel, team), (added!.ConversationId, added.TeamId));
    }

    [Fact]
    public async Task RemovingTheBotFromATeamForgetsEveryChannelOfIt()
    {
        var team = "19:team-" + Activities.NewId() + "@thread.tacv2";
        var other = "19:other-" + Activities.NewId() + "@thread.tacv2";
        await _bot.PostAsync(Members("membersAdded", team, ConversationTypes.Channel, team));
        var created = Event("conversationUpdate", other, ConversationTypes.Channel, teamId: team);
        created["channelData"]!["eventType"] = "channelCreated";
        await _bot.PostAsync(created);
        Assert.NotNull(await _references.FindChannelAsync(other, default));

        await _bot.PostAsync(Members("membersRemoved", team, ConversationTypes.Channel, team));

        Assert.Null(await _references.FindChannelAsync(team, default));
        Assert.Null(await _references.FindChannelAsync(other, default));
    }

    [Fact]
    public async Task ADeletedChannelIsForgotten()
    {
        var team = "19:team-" + Activities.NewId() + "@thread.tacv2";
        var channel = "19:channel-" + Activities.NewId() + "@thread.tacv2";
        await _bot.PostAsync(Installation("add", channel, ConversationTypes.Channel, teamId: team));
        var deleted = Event("conversationUpdate", channel, ConversationTypes.Channel, teamId: team);
        deleted["channelData"]!["eventType"] = "channelDeleted";

        await _bot.PostAsync(deleted);

        Assert.Null(await _references.FindChannelAsync(channel, default));
        Assert.NotNull(await _references.FindChannelAsync(team, default));
    }

    [Fact]
    public async Task AGroupChatIsKeptWhileTheBotIsInIt()
    {
        var chat = "19:group-" + Activities.NewId() + "@thread.v2";

        await _bot.PostAsync(Members("membersAdded", chat, ConversationTypes.GroupChat));
        var kept = await _references.FindGroupChatAsync(chat, default);
        await _bot.PostAsync(Members("membersRemoved", chat, ConversationTypes.GroupChat));

        Assert.NotNull(kept);
        Assert.Null(await _references.FindGroupChatAsync(chat, default));
    }

    [Fact]
    public async Task OnlyWhereToReachSomeoneIsStoredNeverTheirNameOrWhatTheyWrote()
    {
        var user = Guid.NewGuid().ToString();
        await _bot.PostAsync(Installation("add", "a:1" + Activities.NewId(), ConversationTypes.Personal, user));

        var table = _bot.Bot.Services.GetRequiredService<TableServiceClient>().GetTableClient(BotTables.ConversationReferences);
        var row = (await table.GetEntityAsync<TableEntity>(ConversationTypes.Personal, user)).Value;

        Assert.Subset(
            new HashSet<string> { "PartitionKey", "RowKey", "Timestamp", "odata.etag", "ServiceUrl", "ConversationId", "TenantId", "UserAadObjectId", "ChannelId", "TeamId" },
            row.Keys.ToHashSet());
        Assert.DoesNotContain(row, p => p.Value?.ToString()?.Contains("Alex", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task AMessageInAPersonalChatRefreshesWhereToReachThePerson()
    {
        var chat = "a:1" + Activities.NewId();
        var message = Activities.Message(_bot.ServiceUrl, "ping", chat);
        var user = Guid.NewGuid().ToString();
        message["from"]!["aadObjectId"] = user;

        await _bot.PostAsync(message);

        Assert.Equal(chat, (await _references.FindPersonalAsync(user, default))!.ConversationId);
    }

    [Fact]
    public async Task AKeptPersonalChatCanBeMessagedLaterThroughTheSender()
    {
        var user = Guid.NewGuid().ToString();
        var chat = "a:1" + Activities.NewId();
        await _bot.PostAsync(Installation("add", chat, ConversationTypes.Personal, user));
        var sender = _bot.Bot.Services.GetRequiredService<BotSender>();

        var reference = await _references.FindPersonalAsync(user, default);
        var result = await sender.SendAsync(reference!, Activity.Message("A nudge: the chronology for SCR-2027-0003 is due on Friday 19 March 2027."));

        Assert.True(result.Delivered);
        Assert.Contains(_bot.Connector.Requests, r => r.ConversationId == chat && r.Text?.StartsWith("A nudge", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task APersonKnownOnlyByTheirAadObjectIdGetsAChatStartedThroughTheirTeamAndKept()
    {
        var team = "19:" + Activities.NewId() + "@thread.tacv2";
        await _bot.PostAsync(Members("membersAdded", team, ConversationTypes.Channel, teamId: team));
        var channel = await _references.FindChannelAsync(team, default);
        var person = Guid.NewGuid().ToString();
        var chats = _bot.Bot.Services.GetRequiredService<PersonalChats>();

        var chat = await chats.FindOrStartAsync(person, channel!, default);
        var again = await chats.FindOrStartAsync(person, channel!, default);

        var create = Assert.Single(_bot.Connector.Requests, r => r.Operation == "create");
        var member = Assert.Single(create.Body!["members"]!.AsArray())!;
        Assert.Equal((person, person), (member["id"]!.GetValue<string>(), member["aadObjectId"]!.GetValue<string>()));
        Assert.Equal(Activities.TenantId, create.Body["tenantId"]!.GetValue<string>());
        Assert.False(create.Body["isGroup"]!.GetValue<bool>());
        Assert.Empty(SwaggerSchema.Load().Problems(create.Body, "ConversationParameters"));
        Assert.StartsWith("a:created-", chat!.ConversationId, StringComparison.Ordinal);
        Assert.Equal(chat, again);
        Assert.Equal(chat, await _references.FindPersonalAsync(person, default));
    }

    [Fact]
    public async Task APersonWithAKeptChatIsReachedThereWithoutStartingAnother()
    {
        var person = Guid.NewGuid().ToString();
        var chat = "a:1" + Activities.NewId();
        await _bot.PostAsync(Installation("add", chat, ConversationTypes.Personal, person));
        var via = new ConversationReference(_bot.Connector.ServiceUrl, "19:any@thread.tacv2", Activities.TenantId, ConversationTypes.Channel);

        var found = await _bot.Bot.Services.GetRequiredService<PersonalChats>().FindOrStartAsync(person, via, default);

        Assert.Equal(chat, found!.ConversationId);
        Assert.DoesNotContain(_bot.Connector.Requests, r => r.Operation == "create");
    }
}
