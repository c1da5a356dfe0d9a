using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Graph;
using ScrBot.Bot.Referral;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Connector;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Tests.Referral;

/// <summary>
/// Nobody is missed silently: a person who has never opened ScrBot gets their card the moment ScrBot is installed
/// for them and Teams sends the installationUpdate, or the moment they open ScrBot; when ScrBot cannot install itself
/// for them, the Board Manager is told on a card who and why; the referrer is told the Board Manager has the referral
/// only once the Board Manager's card was delivered. The real bot host on Azurite, activities posted to
/// /api/messages, and the Bot Connector stand-in (checked against the Bot Connector swagger by the connector's tests).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReachingPeopleTests(AzuriteFixture azurite) : IAsyncLifetime
{
    // ScrBot is not installed in the board's team: nobody can be reached through its notice channel.
    private TriageHost _host = null!;

    public async Task InitializeAsync() => _host = await TriageHost.StartAsync(azurite);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ABoardManagerWhoNeverOpenedScrBotGetsTheTriageCardTheMomentScrBotIsInstalledForThem()
    {
        var manager = Person(Role.BoardManager);
        await GiveChatAsync(Person(Role.IndependentChair));
        await GiveChatAsync(Person(Role.SubgroupChair));
        var installer = new InstallingInstaller();
        var reference = await ReferAsync();

        await using var bot = StartBot(installer);
        await bot.Logs.WaitForAsync("Triage sweep:", 1, TimeSpan.FromMinutes(2));

        Assert.Contains(manager.Value, installer.Asked);
        Assert.Equal(0, SentTo(Chat(manager), "New referral for triage"));
        Assert.Equal(0, SentTo(Chat(_host.Referrer.Id), "has your referral"));
        Assert.DoesNotContain(_host.Connector.Requests, r => r.Operation == "send" && Text(r).Contains("could not be reached", StringComparison.Ordinal));

        // Teams tells ScrBot it was installed for her, with her new chat: the card goes at once, no sweep needed.
        var chat = "a:installed-" + Guid.NewGuid().ToString("N");
        var answer = await bot.PostActivityAsync(Installed(manager, chat));
        Assert.True(answer.IsSuccessStatusCode);

        await _host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == chat && Text(r).Contains($"{reference} · New referral for triage", StringComparison.Ordinal),
            TimeSpan.FromMinutes(1));
        var told = await _host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == Chat(_host.Referrer.Id) && Text(r).Contains("has your referral", StringComparison.Ordinal),
            TimeSpan.FromMinutes(1));
        Assert.Contains("Megan Bowen, the Board Manager,", Text(told), StringComparison.Ordinal);
        Assert.Equal(1, SentTo(chat, "New referral for triage"));
    }

    [Fact]
    public async Task ABoardManagerWhoNeverOpenedScrBotIsInstalledThroughGraphAndGetsTheTriageCardFromTheInstallationUpdate()
    {
        var manager = Person(Role.BoardManager);
        await GiveChatAsync(Person(Role.IndependentChair));
        await GiveChatAsync(Person(Role.SubgroupChair));
        await using var graph = await ScrBot.Bot.Tests.Graph.GraphTestKit.StartAsync();
        graph.State.Person("meganb@" + ScrBot.Bot.Tests.Graph.GraphTestKit.Tenant, manager.Value, "Megan Bowen");
        var installer = new GraphTeamsAppInstaller(graph.Client, graph.Settings, Microsoft.Extensions.Logging.Abstractions.NullLogger<GraphTeamsAppInstaller>.Instance);
        var reference = await ReferAsync();

        // Teams (here the Graph stand-in) sends the bot the installationUpdate for her new chat, naming the Bot Connector;
        // it knows where to before the bot starts, so an install made by the bot's first triage is never missed.
        var started = new TaskCompletionSource<BotFactory>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var teams = await LoopbackServer.StartAsync(routes => Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapPost(routes, "/api/messages",
            async (Microsoft.AspNetCore.Http.HttpContext c) =>
            {
                var activity = (JsonObject)(await JsonNode.ParseAsync(c.Request.Body))!;
                using var answer = await (await started.Task).PostActivityAsync(activity);
                return Microsoft.AspNetCore.Http.Results.StatusCode((int)answer.StatusCode);
            }));
        graph.State.BotEndpoint = new Uri(teams.BaseAddress, "api/messages");
        graph.State.BotServiceUrl = _host.Connector.ServiceUrl;
        await using var bot = StartBot(installer);
        started.SetResult(bot);

        var triage = await _host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId != Chat(manager)
            && Text(r).Contains($"{reference} · New referral for triage", StringComparison.Ordinal), TimeSpan.FromMinutes(1));

        var installation = Assert.Single(graph.State.Installations);
        Assert.Equal(manager.Value, installation.UserId);
        Assert.Equal(installation.ChatId, triage.ConversationId);
        await _host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == Chat(_host.Referrer.Id)
            && Text(r).Contains("has your referral", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        Assert.DoesNotContain(_host.Connector.Requests, r => r.Operation == "send" && Text(r).Contains("could not be reached", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhenTeamsNeverOpensTheChatOfSomeoneInstalledTheBoardManagerIsToldAtTheNextSweep()
    {
        var manager = Person(Role.BoardManager);
        await GiveChatAsync(manager);
        await GiveChatAsync(Person(Role.SubgroupChair));
        var reference = await ReferAsync();
        await using var bot = StartBot(new InstallingInstaller());
        await bot.Logs.WaitForAsync("Triage sweep:", 1, TimeSpan.FromMinutes(2));
        Assert.Equal(0, SentTo(Chat(manager), "could not be reached"));

        // No installationUpdate came: at the next sweep ScrBot is installed for her but her chat never opened.
        _host.Time.Advance(new TriageOptions().SweepInterval);
        await bot.Logs.WaitForAsync("Triage sweep:", 2, TimeSpan.FromMinutes(2));

        var notice = await _host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == Chat(manager)
            && Text(r).Contains($"{reference} · Adele Vance could not be reached", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        Assert.Contains("ScrBot is installed for them, but they have not opened their chat with it yet.", Text(notice), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenScrBotCannotInstallItselfTheBoardManagerIsToldWhoWasMissedAndTheyGetTheirCardWhenTheyOpenScrBot()
    {
        var manager = Person(Role.BoardManager);
        var chair = Person(Role.IndependentChair);
        await GiveChatAsync(manager);
        await GiveChatAsync(Person(Role.SubgroupChair));
        var reference = await ReferAsync();

        await using var bot = StartBot(new NoTeamsAppInstaller());
        await bot.Logs.WaitForAsync("Triage sweep:", 1, TimeSpan.FromMinutes(2));

        var notice = await _host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == Chat(manager)
            && Text(r).Contains($"{reference} · Adele Vance could not be reached", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        Assert.Contains("Microsoft Graph is not configured", Text(notice), StringComparison.Ordinal);
        var message = Assert.Single(notice.Card!["actions"]!.AsArray());
        Assert.Equal("Message Adele Vance", message!["title"]!.GetValue<string>());
        Assert.StartsWith("https://teams.microsoft.com/l/chat/0/0?users=adelev%40board.example", message["url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("the notice of a new referral", Text(notice), StringComparison.Ordinal);
        Assert.DoesNotContain("Jamie", Text(notice), StringComparison.Ordinal);
        Assert.Empty((await _host.Cases.LoadAsync(ReferralSamples.Staffordshire, reference))!.State.ChairsInformed);

        // Another sweep does not tell the Board Manager again.
        _host.Time.Advance(new TriageOptions().SweepInterval);
        await bot.Logs.WaitForAsync("Triage sweep:", 2, TimeSpan.FromMinutes(2));
        Assert.Equal(1, SentTo(Chat(manager), "could not be reached"));

        // The Independent Chair opens ScrBot and writes to it: her notice comes straight away and D2 is recorded.
        var chat = "a:opened-" + Guid.NewGuid().ToString("N");
        var hello = Activities.Message(_host.Connector.ServiceUrl.ToString(), "hello", chat);
        hello["from"]!["aadObjectId"] = chair.Value;
        hello["from"]!["name"] = "Adele Vance";
        await bot.PostActivityAsync(hello);

        await _host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == chat && Text(r).Contains($"{reference} · New referral", StringComparison.Ordinal),
            TimeSpan.FromMinutes(1));
        await bot.Logs.WaitForAsync("The Chairs were informed of", 1, TimeSpan.FromMinutes(1));
        Assert.Equal(2, (await _host.Cases.LoadAsync(ReferralSamples.Staffordshire, reference))!.State.ChairsInformed.Count);
    }

    /// <summary>Says ScrBot was installed, as Graph answers when the tenant has granted the permission; asked again, that it is installed already.</summary>
    private sealed class InstallingInstaller : ITeamsAppInstaller
    {
        public ConcurrentBag<string> Asked { get; } = [];

        public Task<AppInstallResult> InstallForPersonAsync(string aadObjectId, CancellationToken cancellationToken)
        {
            var first = !Asked.Contains(aadObjectId);
            Asked.Add(aadObjectId);
            return Task.FromResult(new AppInstallResult(first ? AppInstallOutcome.Installed : AppInstallOutcome.AlreadyInstalled));
        }
    }

    private JsonObject Installed(PersonId person, string chat)
    {
        var activity = Activities.Message(_host.Connector.ServiceUrl.ToString(), "", chat);
        activity.Remove("text");
        activity.Remove("textFormat");
        activity["type"] = "installationUpdate";
        activity["action"] = "add";
        activity["from"]!["aadObjectId"] = person.Value;
        activity["from"]!["name"] = "Megan Bowen";
        return activity;
    }

    private Task<CaseReference> ReferAsync() => _host.ReferAsync();

    private BotFactory StartBot(ITeamsAppInstaller installer) => _host.StartBot(s => s.AddSingleton(installer));

    private Task GiveChatAsync(PersonId person) => _host.GiveChatAsync(person);

    private PersonId Person(Role role) => _host.Person(role);

    private static string Chat(PersonId person) => TriageHost.Chat(person);

    private static string Text(FakeBotConnector.Received r) => TriageHost.Text(r);

    private int SentTo(string conversation, string text) => _host.SentTo(conversation, text);
}
