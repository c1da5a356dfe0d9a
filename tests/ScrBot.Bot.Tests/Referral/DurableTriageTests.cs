using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Referral;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Connector;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Referral;

namespace ScrBot.Bot.Tests.Referral;

/// <summary>
/// Triage survives a restart: a referral stored while no bot was running (its place in the in-memory queue lost) is
/// triaged by the next bot to start, and a case already triaged is never triaged twice. The real bot host on Azurite,
/// with the Bot Connector stand-in (checked against the Bot Connector swagger by the connector's tests).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DurableTriageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TriageHost _host = null!;

    private FakeBotConnector Connector => _host.Connector;

    private FakeTimeProvider Time => _host.Time;

    private CaseStore Cases => _host.Cases;

    private string Channel => _host.NoticeChannel;

    public async Task InitializeAsync()
    {
        _host = await TriageHost.StartAsync(azurite);
        foreach (var member in _host.Directory.Find(ReferralSamples.Staffordshire)!.Members)
        {
            await _host.GiveChatAsync(member.Person);
        }

        await _host.InstallInTheBoardsTeamAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AReferralMadeWhileNoBotWasRunningIsTriagedWhenTheNextOneStartsAndNeverTwice()
    {
        var reference = await ReferAsync();

        await using (var first = await StartBotAsync())
        {
            await SweptAsync(first, sweeps: 1);
        }

        Assert.Equal(1, Sent(Person(Role.BoardManager), $"{reference} · New referral for triage"));
        Assert.Equal(1, Sent(Person(Role.IndependentChair), $"{reference} · New referral"));
        Assert.Equal(1, Sent(Person(Role.SubgroupChair), $"{reference} · New referral"));
        Assert.Equal(1, SentTo(Channel, reference.Value));
        var stored = await Cases.LoadAsync(ReferralSamples.Staffordshire, reference);
        Assert.Equal(["Adele Vance", "Isaiah Langer"], stored!.State.ChairsInformed.Select(c => c.Name));

        // The bot starts again: the case is still at the Triage stage, but its triage has finished.
        await using (var second = await StartBotAsync())
        {
            await SweptAsync(second, sweeps: 1);
        }

        Assert.Equal(1, Sent(Person(Role.BoardManager), $"{reference} · New referral for triage"));
        Assert.Equal(1, Sent(Person(Role.IndependentChair), $"{reference} · New referral"));
        Assert.Equal(1, SentTo(Channel, reference.Value));
        Assert.Single((await Cases.LoadAsync(ReferralSamples.Staffordshire, reference))!.Facts.OfType<ChairsInformed>());
    }

    [Fact]
    public async Task ATriageThatCouldNotReachTheChairsIsFinishedLaterWithoutATriageCardSentTwice()
    {
        var chairs = new ConversationReferencesTable(new BotTables(azurite.ServiceClient()));
        var independentChair = Person(Role.IndependentChair);
        await chairs.RemovePersonalAsync(independentChair.Value, default);

        // ScrBot is not installed for her at all: Teams refuses to start a chat with her.
        Connector.Script = r => r.Operation == "create" ? (403, null) : null;
        var reference = await ReferAsync();

        await using var bot = await StartBotAsync();
        await SweptAsync(bot, sweeps: 1);
        Assert.Equal(1, Sent(Person(Role.BoardManager), $"{reference} · New referral for triage"));
        Assert.Equal(1, Sent(Person(Role.SubgroupChair), $"{reference} · New referral"));
        Assert.Empty((await Cases.LoadAsync(ReferralSamples.Staffordshire, reference))!.State.ChairsInformed);

        // The Independent Chair installs ScrBot; the next sweep, on the bot's timer, tells her and records D2.
        Connector.Script = null;
        await chairs.SaveAsync(new ConversationReference(Connector.ServiceUrl, Chat(independentChair), Activities.TenantId, ConversationTypes.Personal, independentChair.Value), default);
        Time.Advance(new TriageOptions().SweepInterval);
        await SweptAsync(bot, sweeps: 2);

        Assert.Equal(1, Sent(independentChair, $"{reference} · New referral"));
        Assert.Equal(1, Sent(Person(Role.SubgroupChair), $"{reference} · New referral"));
        Assert.Equal(1, Sent(Person(Role.BoardManager), $"{reference} · New referral for triage"));
        Assert.Equal(1, SentTo(Channel, reference.Value));
        Assert.Equal(2, (await Cases.LoadAsync(ReferralSamples.Staffordshire, reference))!.State.ChairsInformed.Count);
    }

    [Fact]
    public async Task AChairWithNoChatKeptIsReachedInAChatStartedThroughTheBoardsTeam()
    {
        var chats = new ConversationReferencesTable(new BotTables(azurite.ServiceClient()));
        var independentChair = Person(Role.IndependentChair);
        await chats.RemovePersonalAsync(independentChair.Value, default);
        var reference = await ReferAsync();

        await using var bot = await StartBotAsync();
        await SweptAsync(bot, sweeps: 1);

        Assert.Single(Connector.Requests, r => r.Operation == "create" && r.Status is >= 200 and < 300
            && r.Body!.ToJsonString().Contains(independentChair.Value, StringComparison.Ordinal));
        var kept = await chats.FindPersonalAsync(independentChair.Value, default);
        Assert.NotNull(kept);
        Assert.Equal(1, SentTo(kept.ConversationId, $"{reference} · New referral"));
        Assert.Equal(2, (await Cases.LoadAsync(ReferralSamples.Staffordshire, reference))!.State.ChairsInformed.Count);
    }

    private Task<CaseReference> ReferAsync() => _host.ReferAsync();

    private Task<BotFactory> StartBotAsync() => Task.FromResult(_host.StartBot());

    /// <summary>Waits until the host has finished <paramref name="sweeps"/> sweeps for unfinished triage.</summary>
    private static async Task SweptAsync(BotFactory bot, int sweeps)
    {
        await bot.Logs.WaitForAsync("Triage sweep:", sweeps, TimeSpan.FromMinutes(2));
        Assert.DoesNotContain(bot.Logs.Lines, l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    private PersonId Person(Role role) => _host.Person(role);

    private static string Chat(PersonId person) => TriageHost.Chat(person);

    /// <summary>How many messages reached the person's personal chat with a card whose text contains <paramref name="text"/>.</summary>
    private int Sent(PersonId person, string text) => SentTo(Chat(person), text);

    private int SentTo(string conversation, string text) => _host.SentTo(conversation, text);
}
